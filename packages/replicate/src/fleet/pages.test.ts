import { describe, expect, it } from "vitest";
import { ApiError } from "../generated/index.js";
import { type ReplicatePage, replicatePages } from "./pages.js";

/** Serves `pages` by cursor (`undefined` for the first) and records the cursors asked for. */
function pagesBy(pages: Record<string, ReplicatePage<number>>) {
  const asked: (string | undefined)[] = [];
  const fetchPage = async (cursor: string | undefined) => {
    asked.push(cursor);
    const found = pages[cursor ?? ""];
    if (!found) throw new Error(`no page for cursor ${cursor}`);
    return found;
  };
  return { asked, fetchPage };
}

async function walk(fetchPage: (cursor: string | undefined) => Promise<ReplicatePage<number>>, maxPages?: number) {
  const got: number[] = [];
  let error: unknown;
  try {
    for await (const item of replicatePages("listDeployments", fetchPage, maxPages)) got.push(item);
  } catch (e) {
    error = e;
  }
  return { got, error };
}

const link = (cursor: string) => `https://api.replicate.com/v1/deployments?cursor=${encodeURIComponent(cursor)}`;

describe("replicatePages", () => {
  it("reads one page whose next is null, or missing", async () => {
    for (const last of [{ results: [1, 2], next: null }, { results: [1, 2] }]) {
      const { asked, fetchPage } = pagesBy({ "": last });
      expect(await walk(fetchPage)).toEqual({ got: [1, 2], error: undefined });
      expect(asked).toEqual([undefined]);
    }
  });

  it("follows next links by their cursor (decoded) over many pages, empty pages included", async () => {
    const { asked, fetchPage } = pagesBy({
      "": { results: [1], next: link("a b/=") },
      "a b/=": { results: [], next: link("c") },
      c: { results: [2, 3], next: null },
    });
    expect(await walk(fetchPage)).toEqual({ got: [1, 2, 3], error: undefined });
    expect(asked).toEqual([undefined, "a b/=", "c"]);
  });

  it.each([
    ["a repeated cursor", { "": { results: [1], next: link("x") }, x: { results: [2], next: link("x") } }, 2, 'repeats the cursor "x"'],
    [
      "a cursor two pages back",
      { "": { results: [1], next: link("x") }, x: { results: [2], next: link("y") }, y: { results: [3], next: link("x") } },
      3,
      'repeats the cursor "x"',
    ],
    ["a next that is not a URL", { "": { results: [1], next: "page 2 please" } }, 1, 'its next link "page 2 please" has no cursor'],
    ["a next URL without a cursor", { "": { results: [1], next: "https://api.replicate.com/v1/deployments?page=2" } }, 1, "has no cursor"],
    ["a next that is a number", { "": { results: [1], next: 42 as never } }, 1, 'its next link "42" has no cursor'],
    ["an empty next", { "": { results: [1], next: "" } }, 1, 'its next link "" has no cursor'],
  ])("%s ends with an ApiError naming the page, after the items read", async (_what, pages, page, why) => {
    const { asked, fetchPage } = pagesBy(pages as Record<string, ReplicatePage<number>>);
    const { got, error } = await walk(fetchPage);
    expect(got).toEqual([1, 2, 3].slice(0, page));
    expect(ApiError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ provider: "replicate", operationId: "listDeployments", status: 200, isRetryable: false });
    expect((error as Error).message).toContain(`stopped paging at page ${page}: `);
    expect((error as Error).message).toContain(why);
    expect(asked).toHaveLength(page);
  });

  it("a server that always has a next page stops at maxPages", async () => {
    let n = 0;
    const { got, error } = await walk(async () => {
      n++;
      return { results: [n], next: link(`c${n}`) };
    }, 5);
    expect(got).toEqual([1, 2, 3, 4, 5]);
    expect((error as Error).message).toBe("replicate listDeployments: stopped paging at page 5: the listing is longer than 5 pages");
  });

  it("an answer that is not a page (null, an array, a string) yields nothing and ends", async () => {
    for (const odd of [null, [1, 2], "<html>"]) {
      expect(await walk(async () => odd as never)).toEqual({ got: [], error: undefined });
    }
  });

  it("a consumer that stops early sends no further request", async () => {
    const { asked, fetchPage } = pagesBy({ "": { results: [1, 2], next: link("x") }, x: { results: [3], next: null } });
    for await (const item of replicatePages("listDeployments", fetchPage)) if (item === 1) break;
    expect(asked).toEqual([undefined]);
  });
});
