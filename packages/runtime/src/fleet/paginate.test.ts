import { describe, expect, it } from "vitest";
import { PaginationError as RuntimePaginationError } from "../pagination/error.js";
import { hasNextLink, MAX_PAGES, offsetPages } from "./paginate.js";
import { PaginationError } from "./pagination-error.js";

describe("hasNextLink", () => {
  it.each([
    ['<https://x/models?page=2>; rel="next"', true],
    ['<https://x/models?page=1>; rel="prev", <https://x/models?page=3>; rel="next"', true],
    ["<https://x/models?page=3>; rel=next", true],
    ['<https://x/a,b?page=3>; rel="prev next"', true],
    ['<https://x/models?page=1>; rel="prev"', false],
    ['<https://x/next>; rel="last"', false],
    ["", false],
  ])("%j → %s", (header, expected) => {
    expect(hasNextLink(header)).toBe(expected);
  });

  it("is false without a header", () => {
    expect(hasNextLink(null)).toBe(false);
  });
});

describe("offsetPages", () => {
  it("stops at a short page, at total, and at maxPages when a provider ignores the offset", async () => {
    const offsets: number[] = [];
    const collect = async (gen: AsyncGenerator<number>) => {
      const items: number[] = [];
      for await (const item of gen) items.push(item);
      return items;
    };
    expect(await collect(offsetPages(async (offset) => ({ items: offset < 4 ? [offset, offset + 1] : [3] }), 2, "l"))).toEqual([
      0, 1, 2, 3, 3,
    ]);
    expect(
      await collect(
        offsetPages(
          async (offset) => {
            offsets.push(offset);
            return { items: [offset, offset], total: 4 };
          },
          2,
          "l",
        ),
      ),
    ).toEqual([0, 0, 2, 2]);
    expect(offsets).toEqual([0, 2]);
  });

  it("a provider repeating the same full page (offset ignored) is a PaginationError at the second page", async () => {
    let requests = 0;
    const items: number[] = [];
    const error = await (async () => {
      const pages = offsetPages(
        async () => {
          requests++;
          return { items: [1, 2], total: 1_000_000 };
        },
        2,
        "acme listThings",
      );
      for await (const item of pages) items.push(item);
    })().catch((e: unknown) => e);
    expect(PaginationError.isInstance(error)).toBe(true);
    expect(error).toBeInstanceOf(RuntimePaginationError);
    expect(error).toMatchObject({ provider: "acme", operationId: "listThings", page: 2, reason: "repeated-page" });
    expect((error as Error).message).toBe(
      "acme listThings: listing stopped at page 2 (repeated-page): the provider sent the same page twice",
    );
    expect(items).toEqual([1, 2]);
    expect(requests).toBe(2);
  });

  it("a provider announcing more pages forever is a PaginationError at the cap, not a million requests", async () => {
    let requests = 0;
    const pages = offsetPages(
      async (offset) => {
        requests++;
        return { items: [offset, offset + 1] };
      },
      2,
      "acme listThings",
    );
    const error = await (async () => {
      for await (const _ of pages);
    })().catch((e: unknown) => e);
    expect(PaginationError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ provider: "acme", operationId: "listThings", page: 1001, reason: "max-pages" });
    expect((error as Error).message).toMatch(/page 1001 \(max-pages\): the provider announced more than 1000 pages$/);
    expect(requests).toBe(MAX_PAGES);
  });
});
