import { PaginationError } from "../pagination/error.js";
import { nextLinkTarget } from "../pagination/link-header.js";

/** The most pages one listing reads (100 000 items at 100 a page); past it a {@link PaginationError}. */
export const MAX_PAGES = 1_000;

/** One page of an offset/limit listing. */
export interface OffsetPage<T> {
  items: readonly T[];
  /** The total the provider reports (Opper's `meta.total_count`), if any. */
  total?: number | null;
}

/**
 * Makes sure a paged listing moves on: call {@link PageGuard.request} before asking for a page and
 * {@link PageGuard.received} with its items before using them. It
 * throws a {@link PaginationError} for a page identical to the previous one (a provider ignoring the offset or
 * page number) and for a page past `maxPages` (a provider announcing "next" forever).
 */
export class PageGuard {
  private pages = 0;
  private previous: string | undefined;
  constructor(
    private readonly listing: string,
    private readonly maxPages = MAX_PAGES,
  ) {}

  /** Counts a page about to be requested. */
  request(): void {
    if (this.pages >= this.maxPages) {
      const [provider, operationId] = splitListing(this.listing);
      throw new PaginationError(
        provider,
        operationId,
        this.pages + 1,
        "max-pages",
        `the provider announced more than ${this.maxPages} pages`,
      );
    }
    this.pages++;
  }

  /** Checks a page that arrived. */
  received(items: readonly unknown[]): void {
    const fingerprint = items.length === 0 ? undefined : fingerprintOf(items);
    if (fingerprint !== undefined && fingerprint === this.previous) {
      const [provider, operationId] = splitListing(this.listing);
      throw new PaginationError(provider, operationId, this.pages, "repeated-page", "the provider sent the same page twice");
    }
    this.previous = fingerprint;
  }
}

// `opper listFunctions` → provider and operation, the fields PaginationError reports them in; a listing named by
// one word only is the provider's.
function splitListing(listing: string): [string, string] {
  const space = listing.indexOf(" ");
  return space === -1 ? [listing, ""] : [listing.slice(0, space), listing.slice(space + 1)];
}

// A page's content as text; undefined (no comparison) for one that cannot be serialized, e.g. nested too deep.
function fingerprintOf(items: readonly unknown[]): string | undefined {
  try {
    return JSON.stringify(items);
  } catch {
    return undefined;
  }
}

/**
 * Prefer declaring the operation's paging in its spec (`x-modelfleet-pagination`, see specs/README.md) and
 * iterating the generated `client.<operation>All(…)` or `client.<operation>Pages(…)`; this walker is for listings
 * a spec cannot describe.
 *
 * Walks an offset/limit listing to its end. A page shorter than `limit`, an empty page or reaching `total`
 * ends it; a repeated page or more than `maxPages` pages is a {@link PaginationError} (see {@link PageGuard}).
 * `listing` names it in that error, e.g. `opper listFunctions`.
 */
export async function* offsetPages<T>(
  fetchPage: (offset: number, limit: number) => Promise<OffsetPage<T>>,
  limit: number,
  listing: string,
  maxPages = MAX_PAGES,
): AsyncGenerator<T> {
  const guard = new PageGuard(listing, maxPages);
  let offset = 0;
  for (;;) {
    guard.request();
    const { items, total } = await fetchPage(offset, limit);
    guard.received(items);
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
