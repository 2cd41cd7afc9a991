import { InvalidPriceError } from "../errors.js";

/**
 * An exact amount of money as an integer number of micro-dollars (1 USD = 1 000 000). Always a safe integer, so
 * sums of many deployments stay exact; convert to text with {@link formatUsd} only when showing it.
 */
export type MicroUsd = number;

/** The unit of an amount of money as a platform sends it: dollars, cents, or nano-dollars (DeepInfra's `costNanoUsd`). */
export type AmountUnit = "usd" | "cents" | "nano-usd";

/** The unit of a price per unit of time as a platform sends it (Baseten USD per minute, Together cents per minute…). */
export type RateUnit = "usd/hour" | "usd/minute" | "usd/second" | "cents/minute" | "cents/hour";

/** Where a value came from, named in the {@link InvalidPriceError} it may cause. */
export interface MoneySource {
  /** The provider's id, e.g. `baseten`. */
  provider?: string | undefined;
  /** What held the value, e.g. `instance_type_prices[A10G].price`. */
  field?: string | undefined;
}

/**
 * The largest price per hour of one replica taken as real: 1 000 000 USD. A catalogue value above it is a unit
 * mistake or a hostile answer, and would turn every total into nonsense, so it is refused rather than summed.
 */
export const MAX_HOURLY_RATE_USD = 1_000_000;

/** Each unit as a fraction of micro-dollars (per hour for rates): `[numerator, denominator]`. */
const AMOUNT_FACTORS: Readonly<Record<AmountUnit, readonly [bigint, bigint]>> = {
  usd: [1_000_000n, 1n],
  cents: [10_000n, 1n],
  "nano-usd": [1n, 1_000n],
};
const RATE_FACTORS: Readonly<Record<RateUnit, readonly [bigint, bigint]>> = {
  "usd/hour": [1_000_000n, 1n],
  "usd/minute": [60_000_000n, 1n],
  "usd/second": [3_600_000_000n, 1n],
  "cents/minute": [600_000n, 1n],
  "cents/hour": [10_000n, 1n],
};

// A plain decimal, optionally with an exponent: what JSON numbers print as and what platforms send as strings.
// The length and exponent bounds keep a hostile value from making BigInt build a gigantic power of ten.
const DECIMAL = /^\+?(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d{1,3}))?$/;
const MAX_DECIMAL_LENGTH = 64;

/**
 * Converts an amount of money into micro-dollars, exactly: `"12.345678"` USD, `1234` cents, `1500` nano-USD.
 * `value` is a JSON number or a decimal string; it is typed `unknown` because it comes straight from a provider.
 * The value's decimal text is scaled with integers and rounded half-to-even to the micro-dollar once, at the end.
 * @throws InvalidPriceError for a value that is not a finite non-negative number or decimal string, or whose
 *   micro-dollars exceed `Number.MAX_SAFE_INTEGER` (about 9 billion USD).
 */
export function amountToMicroUsd(value: unknown, unit: AmountUnit, source?: MoneySource): MicroUsd {
  const factor = AMOUNT_FACTORS[unit];
  if (factor === undefined) throw new TypeError(`Unknown amount unit ${JSON.stringify(unit)}`);
  const micro = scale(value, factor, source);
  if (micro > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw invalid(source, `${describe(value)} ${unit} is beyond what modelfleet sums exactly (${Number.MAX_SAFE_INTEGER} micro-dollars)`);
  }
  return Number(micro);
}

/**
 * Converts a price per unit of time into micro-dollars per hour, exactly: `0.0175` USD/minute is `1_050_000`,
 * `"4.25"` cents/minute is `2_550_000`. `value` is a JSON number or a decimal string, straight from a provider.
 * @throws InvalidPriceError for a value that is not a finite non-negative number or decimal string, or above
 *   {@link MAX_HOURLY_RATE_USD} per hour.
 */
export function hourlyRateToMicroUsd(value: unknown, unit: RateUnit, source?: MoneySource): MicroUsd {
  const factor = RATE_FACTORS[unit];
  if (factor === undefined) throw new TypeError(`Unknown rate unit ${JSON.stringify(unit)}`);
  const micro = scale(value, factor, source);
  if (micro > BigInt(MAX_HOURLY_RATE_USD) * 1_000_000n) {
    throw invalid(source, `${describe(value)} ${unit} is more than ${MAX_HOURLY_RATE_USD} USD per hour, not a believable price`);
  }
  return Number(micro);
}

/**
 * Shows micro-dollars as US dollars with two decimals and thousands separators (`$1,234.57`), rounding half to
 * even to the cent. For output only: compute with micro-dollars.
 * @throws InvalidPriceError when `micro` is not a safe integer.
 */
export function formatUsd(micro: MicroUsd): string {
  if (typeof micro !== "number" || !Number.isSafeInteger(micro)) {
    throw invalid(undefined, `${describe(micro)} is not a whole number of micro-dollars`);
  }
  const negative = micro < 0;
  const cents = roundHalfEven(BigInt(Math.abs(micro)), 10_000n);
  const dollars = (cents / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const rest = (cents % 100n).toString().padStart(2, "0");
  return `${negative && cents !== 0n ? "-" : ""}$${dollars}.${rest}`;
}

/** `value × numerator / denominator` micro-dollars, from the value's exact decimal text. */
function scale(value: unknown, [numerator, denominator]: readonly [bigint, bigint], source: MoneySource | undefined): bigint {
  let text: string;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw invalid(source, `${describe(value)} is not a finite number`);
    if (value < 0) throw invalid(source, `${describe(value)} is negative`);
    // The shortest text that reads back as the same double: what the platform wrote in its JSON.
    text = String(value);
  } else if (typeof value === "string") {
    text = value.trim();
    if (text.startsWith("-") && DECIMAL.test(text.slice(1))) throw invalid(source, `${describe(value)} is negative`);
  } else {
    throw invalid(source, `${describe(value)} is not a number or a decimal string`);
  }
  const match = text.length <= MAX_DECIMAL_LENGTH ? DECIMAL.exec(text) : null;
  if (match === null) throw invalid(source, `${describe(value)} is not a decimal number`);
  const [, whole = "", fraction = "", exponent = "0"] = match;
  // digits × 10^power is the value exactly.
  const digits = BigInt(whole + fraction);
  const power = Number(exponent) - fraction.length;
  let top = digits * numerator;
  let bottom = denominator;
  if (power >= 0) top *= 10n ** BigInt(power);
  else bottom *= 10n ** BigInt(-power);
  return roundHalfEven(top, bottom);
}

/** `top / bottom` rounded to the nearest integer, ties to even (both non-negative, `bottom` > 0). */
function roundHalfEven(top: bigint, bottom: bigint): bigint {
  const quotient = top / bottom;
  const twice = (top % bottom) * 2n;
  if (twice > bottom || (twice === bottom && quotient % 2n === 1n)) return quotient + 1n;
  return quotient;
}

function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === "number" || typeof value === "boolean" || value === null || value === undefined) return String(value);
  return Array.isArray(value) ? "an array" : `a ${typeof value}`;
}

function invalid(source: MoneySource | undefined, why: string): InvalidPriceError {
  const where = [source?.provider, source?.field].filter(Boolean).join(" ");
  return new InvalidPriceError(source?.provider, source?.field, where ? `${where}: ${why}` : why);
}
