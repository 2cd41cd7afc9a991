import { hasErrorMarker, ModelfleetError } from "../errors.js";

const PAGINATION_ERROR: unique symbol = Symbol.for("modelfleet.error.PaginationError");

/**
 * A paged listing made no progress: the provider sent the same page twice (an offset or page number it ignores,
 * a repeated cursor) or kept announcing more pages past the cap. The listing stops instead of sending requests
 * forever; what came before was already yielded.
 */
export class PaginationError extends ModelfleetError {
  static override readonly errorName: string = "PaginationError";
  /** True for a `PaginationError` from this or another copy of the package. */
  static override isInstance(value: unknown): value is PaginationError {
    return hasErrorMarker(value, "PaginationError");
  }
  get [PAGINATION_ERROR](): true {
    return true;
  }

  /** What was being listed, e.g. `opper listFunctions`. */
  readonly listing: string;
  /** How many pages had been requested when it stopped. */
  readonly pages: number;
  constructor(listing: string, pages: number, why: string) {
    super(`${listing}: ${why}; stopped after ${pages} pages`);
    this.listing = listing;
    this.pages = pages;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), listing: this.listing, pages: this.pages };
  }
}
