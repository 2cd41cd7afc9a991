import { describe, expect, it } from "vitest";
import { hasNextLink, offsetPages } from "./paginate.js";

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
    expect(await collect(offsetPages(async (offset) => ({ items: offset < 4 ? [1, 2] : [3] }), 2))).toEqual([1, 2, 1, 2, 3]);
    expect(
      await collect(
        offsetPages(async (offset) => {
          offsets.push(offset);
          return { items: [7, 7], total: 4 };
        }, 2),
      ),
    ).toEqual([7, 7, 7, 7]);
    expect(offsets).toEqual([0, 2]);
    expect(await collect(offsetPages(async () => ({ items: [1] }), 1, 3))).toEqual([1, 1, 1]);
  });
});
