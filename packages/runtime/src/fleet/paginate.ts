import { nextLinkTarget } from "../pagination/link-header.js";

/** One page of an offset/limit listing. */
export interface OffsetPage<T> {
  items: readonly T[];
  /** The total the provider reports (Opper's `meta.total_count`), if any. */
  total?: number | null;
}

/**
 * @deprecated Declare the operation's paging in its spec (`x-modelfleet-pagination`, see specs/README.md) and
 * iterate the generated `client.<operation>All(…)` or `client.<operation>Pages(…)` instead: they add the loop guards
 * (`PaginationError`) this walker lacks. Kept so adapters written against it still build.
 *
 * Walks an offset/limit listing to its end. A page shorter than `limit`, an empty page or reaching `total`
 * ends it; a provider that ignores `offset` (and repeats a full page forever) is stopped by `maxPages`.
 */
export async function* offsetPages<T>(
  fetchPage: (offset: number, limit: number) => Promise<OffsetPage<T>>,
  limit: number,
  maxPages = 10_000,
): AsyncGenerator<T> {
  let offset = 0;
  for (let page = 0; page < maxPages; page++) {
    const { items, total } = await fetchPage(offset, limit);
    yield* items;
    offset += items.length;
    if (items.length === 0 || items.length < limit) return;
    if (typeof total === "number" && offset >= total) return;
  }
}

/**
 * @deprecated Declare `next: link-header` in the operation's `x-modelfleet-pagination` and iterate the generated
 * `client.<operation>Pages(…)`, which reads the header itself.
 *
 * Whether an RFC 8288 `Link` header has a `rel="next"` link (Modzy signals more pages this way).
 */
export function hasNextLink(link: string | null): boolean {
  return nextLinkTarget(link) !== undefined;
}
