import { hasErrorMarker, ModelfleetError, markErrorClass } from "../errors.js";

/** Why a listing was stopped by its guards rather than by its last page. */
export type PaginationStopReason =
  /** The server still announced a next page after `maxPages` pages. */
  | "max-pages"
  /** The next cursor, page token or URL was one already requested: the server would loop. */
  | "repeated-cursor"
  /** A non-empty page held exactly the items of the page before it: the server ignores the paging parameters. */
  | "repeated-page"
  /** The next URL leaves the client's base URL (another origin or path): it is never requested, so the key stays home. */
  | "foreign-next-url"
  /** The page does not have the shape the spec declares (no items array, a next cursor that is not a string). */
  | "malformed-page";

/**
 * A listing stopped because the server misbehaved: it would have looped, sent the API key elsewhere, or answered
 * with a page of the wrong shape. Every item yielded before it is valid; no request was sent for the page at fault.
 */
export class PaginationError extends ModelfleetError {
  /** True for a `PaginationError` from this or another copy of the package. */
  static override isInstance(value: unknown): value is PaginationError {
    return hasErrorMarker(value, "PaginationError");
  }
  /** Provider id, e.g. `sieve`. */
  declare readonly provider: string;
  /** The spec's operationId of the listing. */
  declare readonly operationId: string;
  /** The 1-based number of the page at fault (for `max-pages`, the first page not requested). */
  declare readonly page: number;
  declare readonly reason: PaginationStopReason;
  constructor(provider: string, operationId: string, page: number, reason: PaginationStopReason, detail: string) {
    super(`${provider} ${operationId}: listing stopped at page ${page} (${reason}): ${detail}`);
    this.provider = provider;
    this.operationId = operationId;
    this.page = page;
    this.reason = reason;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), provider: this.provider, operationId: this.operationId, page: this.page, reason: this.reason };
  }
}
markErrorClass(PaginationError, "PaginationError");
