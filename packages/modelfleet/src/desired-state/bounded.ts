import { describeValue, InvalidArgumentError } from "@modelfleet/runtime";

/**
 * Runs `fn` over `items` with at most `limit` in flight and keeps the input order. Unlike a fail-fast map, `fn` is
 * expected to turn its own failures into results, so one item never stops the others.
 */
export async function eachBounded<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** A positive integer option, or the default. */
export function concurrencyOption(value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1) {
    throw new InvalidArgumentError("concurrency", `concurrency must be a positive integer, got ${describeValue(value)}`);
  }
  return value;
}
