import { InvalidArgumentError } from "@modelfleet/runtime";
import { hourlyRateToMicroUsd, type MicroUsd } from "@modelfleet/runtime/fleet";

/**
 * A user's own prices: per provider id, per hardware SKU (as `modelfleet cost` shows it in its HARDWARE column), the
 * price of one running replica in USD per hour, as a decimal string (`"1.25"`) or a number. Used where a platform's
 * API has no price, and instead of the API's price where both exist (a negotiated rate); a figure taken from it
 * has the source `price-table`.
 */
export type PriceTable = { readonly [provider: string]: { readonly [sku: string]: string | number } };

/** One problem in a price table, at a path into it (`["prices", "acme", "gpu-small"]`). */
export interface PriceTableIssue {
  path: (string | number)[];
  message: string;
}

/** A checked price table: micro-dollars per replica-hour by provider, then SKU. Internal. */
export type CompiledPriceTable = ReadonlyMap<string, ReadonlyMap<string, MicroUsd>>;

// A plain decimal: what a price list prints. No exponent, sign or thousands separator, so nothing is guessed.
const DECIMAL = /^\d+(\.\d+)?$/;

/**
 * Checks a price table given as a value (from code, a fleet file's `prices:` or a `--prices` file): an object of
 * providers, each an object of SKUs, each price a non-negative decimal of USD per hour within the runtime's bound
 * for a believable price. `providers`, when given, are the known provider ids: any other is a problem.
 */
export function checkPriceTable(value: unknown, at: (string | number)[], providers?: readonly string[]): PriceTableIssue[] {
  const issues: PriceTableIssue[] = [];
  if (!isRecord(value)) {
    issues.push({ path: at, message: "prices must be a mapping of provider id to { <hardware SKU>: <USD per hour> }" });
    return issues;
  }
  for (const [provider, skus] of Object.entries(value)) {
    const here = [...at, provider];
    if (providers && !providers.includes(provider)) {
      issues.push({ path: here, message: `unknown provider ${JSON.stringify(provider)} (known: ${providers.join(", ")})` });
      continue;
    }
    if (!isRecord(skus)) {
      issues.push({ path: here, message: `${provider} must be a mapping of hardware SKU to USD per hour, got ${JSON.stringify(skus)}` });
      continue;
    }
    for (const [sku, price] of Object.entries(skus)) {
      if (sku.trim() === "") {
        issues.push({ path: [...here, sku], message: "a hardware SKU must not be empty" });
        continue;
      }
      const problem = priceProblem(price);
      if (problem) issues.push({ path: [...here, sku], message: problem });
    }
  }
  return issues;
}

/**
 * Turns a price table into micro-dollars, after checking it.
 * @throws InvalidArgumentError (argument `prices`) naming every problem, before any request.
 */
export function compilePriceTable(value: unknown, providers: readonly string[]): CompiledPriceTable {
  const issues = checkPriceTable(value, [], providers);
  if (issues.length) {
    throw new InvalidArgumentError(
      "prices",
      `invalid price table: ${issues.map((i) => `${i.path.length ? i.path.join(".") : "(root)"}: ${i.message}`).join("; ")}`,
    );
  }
  const table = new Map<string, Map<string, MicroUsd>>();
  for (const [provider, skus] of Object.entries(value as PriceTable)) {
    table.set(provider, new Map(Object.entries(skus).map(([sku, price]) => [sku, hourlyRateToMicroUsd(price, "usd/hour")])));
  }
  return table;
}

function priceProblem(price: unknown): string | undefined {
  const shown = JSON.stringify(price) ?? String(price);
  if (typeof price !== "string" && (typeof price !== "number" || !Number.isFinite(price))) {
    return `a price must be a number of USD per hour (e.g. "1.25"), got ${shown}`;
  }
  const text = typeof price === "number" ? String(price) : price.trim();
  if (text.startsWith("-")) return `a price must not be negative, got ${shown}`;
  if (typeof price === "string" && !DECIMAL.test(text))
    return `a price must be a decimal number of USD per hour (e.g. "1.25"), got ${shown}`;
  try {
    hourlyRateToMicroUsd(price, "usd/hour");
  } catch (error) {
    return (error as Error).message;
  }
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
