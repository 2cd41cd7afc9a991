// The errors of `price` and `usage`. They live apart from `../errors.ts` and are exported from

// `@modelfleet/runtime/fleet` only, so a raw provider client (which bundles the main entry's errors) does not grow.
import { hasErrorMarker, ModelfleetError } from "../errors.js";

const PRICE_NOT_FOUND_ERROR: unique symbol = Symbol.for("modelfleet.error.PriceNotFoundError");

/**
 * No price for a deployment: the platform's catalogue lacks the deployment's hardware, or the deployment names
 * no hardware at all. Reported for that deployment; its price is unknown, never zero.
 */
export class PriceNotFoundError extends ModelfleetError {
  static override readonly errorName: string = "PriceNotFoundError";
  /** True for a `PriceNotFoundError` from this or another copy of the package. */
  static override isInstance(value: unknown): value is PriceNotFoundError {
    return hasErrorMarker(value, "PriceNotFoundError");
  }
  get [PRICE_NOT_FOUND_ERROR](): true {
    return true;
  }

  /** The provider's id, e.g. `together`. */
  readonly provider: string;
  /** The hardware that was looked up, in the platform's words; `null` when the deployment names none. */
  readonly hardware: string | null;
  constructor(provider: string, hardware: string | null, message?: string) {
    super(
      message ??
        (hardware === null
          ? `${provider}: the deployment names no hardware, so it has no price`
          : `${provider}: the price catalogue has no entry for hardware ${JSON.stringify(hardware)}`),
    );
    this.provider = provider;
    this.hardware = hardware;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), provider: this.provider, hardware: this.hardware };
  }
}

const INVALID_PRICE_ERROR: unique symbol = Symbol.for("modelfleet.error.InvalidPriceError");

/**
 * A price or amount of money is unusable: not a number or decimal string, not finite, negative, or absurd (more
 * than 1 000 000 USD per replica-hour, or more micro-dollars than can be summed exactly). Never read as zero.
 */
export class InvalidPriceError extends ModelfleetError {
  static override readonly errorName: string = "InvalidPriceError";
  /** True for an `InvalidPriceError` from this or another copy of the package. */
  static override isInstance(value: unknown): value is InvalidPriceError {
    return hasErrorMarker(value, "InvalidPriceError");
  }
  get [INVALID_PRICE_ERROR](): true {
    return true;
  }

  /** The provider whose value it is, e.g. `baseten`; `undefined` when the value did not come from a provider. */
  readonly provider: string | undefined;
  /** What held the value, e.g. `price of A10G:1x4x16`, when known. */
  readonly field: string | undefined;
  constructor(provider: string | undefined, field: string | undefined, message: string) {
    super(message);
    this.provider = provider;
    this.field = field;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), provider: this.provider, field: this.field };
  }
}

const USAGE_WINDOW_ERROR: unique symbol = Symbol.for("modelfleet.error.UsageWindowError");

/**
 * A usage window the platform refuses (too long, too short, too early: Sieve one week at most, Baseten 31 days
 * and not before 2026-01-01, Modzy 7 days at least). Thrown before any request is sent.
 */
export class UsageWindowError extends ModelfleetError {
  static override readonly errorName: string = "UsageWindowError";
  /** True for a `UsageWindowError` from this or another copy of the package. */
  static override isInstance(value: unknown): value is UsageWindowError {
    return hasErrorMarker(value, "UsageWindowError");
  }
  get [USAGE_WINDOW_ERROR](): true {
    return true;
  }

  /** The provider whose limit the window breaks. */
  readonly provider: string;
  constructor(provider: string, message: string) {
    super(`${provider}: ${message}`);
    this.provider = provider;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), provider: this.provider };
  }
}
