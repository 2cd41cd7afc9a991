/** One page of an offset/limit listing. */
export interface OffsetPage<T> {
  items: readonly T[];
  /** The total the provider reports (Opper's `meta.total_count`), if any. */
  total?: number | null;
}

/**
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

/** Whether an RFC 8288 `Link` header has a `rel="next"` link (Modzy signals more pages this way). */
export function hasNextLink(link: string | null): boolean {
  if (!link) return false;
  return link.split(/,(?=\s*<)/).some((part) => /;\s*rel\s*=\s*"?(?:[^";]*\s)?next(?:\s[^";]*)?"?\s*(?:;|$)/i.test(part));
}
