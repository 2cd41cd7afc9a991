import { ApiError } from "../errors.js";
import { mapBounded } from "./concurrency.js";
import type { CallContext } from "./provider.js";

/** How {@link readListedItems} reads the items a listing named. */
export interface ListedItemReads<T, R> {
  /** Reads one item (its own request or requests). */
  read(item: T): Promise<R>;
  /**
   * What an item whose read answered 404 or 410 becomes: it was deleted between the list and its read. Absent: it
   * is left out, as it no longer exists.
   */
  gone?(item: T): R;
  /** The item in the provider's reference syntax (`together:<endpoint_id>`), for {@link CallContext.itemFailed}. */
  name(item: T): string;
}

/** Whether an error says the item no longer exists: 404, or 410 Gone. */
export function isGone(error: unknown): boolean {
  return ApiError.isInstance(error) && (error.status === 404 || error.status === 410);
}

const LEFT_OUT: unique symbol = Symbol("left out");

/**
 * Reads each item a listing named, at most `context.concurrency` at a time, and returns the results in the
 * listing's order. One item's failure does not end the listing:
 * - an item deleted between the list and its read (404 or 410) is left out, or becomes `reads.gone(item)`;
 * - any other failed read is reported through `context.itemFailed` with the item's name, and the item is left out.
 *
 * Without `context.itemFailed` (a caller that cannot report per item, such as `listVersions`), the first other
 * failure ends it, as it would without this helper. The caller's abort always ends it, with the signal's reason.
 */
export async function readListedItems<T, R>(items: readonly T[], context: CallContext, reads: ListedItemReads<T, R>): Promise<R[]> {
  const results = await mapBounded(items, context.concurrency, async (item): Promise<R | typeof LEFT_OUT> => {
    try {
      return await reads.read(item);
    } catch (error) {
      if (context.signal?.aborted) throw context.signal.reason;
      if (isGone(error)) return reads.gone ? reads.gone(item) : LEFT_OUT;
      if (!context.itemFailed) throw error;
      context.itemFailed(reads.name(item), error);
      return LEFT_OUT;
    }
  });
  return results.filter((result): result is R => result !== LEFT_OUT);
}
