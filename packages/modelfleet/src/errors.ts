import { hasErrorMarker, InvalidArgumentError, ModelfleetError, markErrorClass } from "@modelfleet/runtime";

/** Marks an error class (see `markErrorClass`) and defines its static `isInstance`, like the runtime's own errors. Internal. */
export function registerErrorClass(ctor: { prototype: object }, name: string): void {
  markErrorClass(ctor, name);
  Object.defineProperty(ctor, "isInstance", {
    value: (value: unknown) => hasErrorMarker(value, name),
    writable: true,
    configurable: true,
  });
}

/**
 * A reference string is malformed or names an unknown provider. Thrown before any request; the message shows
 * the form the provider expects (or lists the known providers).
 */
export class InvalidReferenceError extends InvalidArgumentError {
  /** The reference as given (references hold no secrets). */
  readonly reference: string;
  /** The expected form, e.g. `acme:<model>@<version>`, when the provider is known. */
  readonly expected: string | undefined;
  constructor(reference: string, message: string, expected?: string, argument = "ref") {
    super(argument, message);
    this.reference = reference;
    this.expected = expected;
  }
  /** True for an `InvalidReferenceError` from this or another copy of the package. */
  declare static isInstance: (value: unknown) => value is InvalidReferenceError;
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), reference: this.reference, expected: this.expected };
  }
}
registerErrorClass(InvalidReferenceError, "InvalidReferenceError");

/** The provider has no such operation (its capability flag is false); `fleet.capabilities()` says so in advance. */
export class UnsupportedOperationError extends ModelfleetError {
  /** The provider's id. */
  readonly provider: string;
  /** The facade operation, e.g. `scale`. */
  readonly operation: string;
  constructor(provider: string, operation: string, reason: string) {
    super(`${provider} does not support ${operation}: ${reason}`);
    this.provider = provider;
    this.operation = operation;
  }
  /** True for an `UnsupportedOperationError` from this or another copy of the package. */
  declare static isInstance: (value: unknown) => value is UnsupportedOperationError;
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), provider: this.provider, operation: this.operation };
  }
}
registerErrorClass(UnsupportedOperationError, "UnsupportedOperationError");

/** An item a provider returned whose reference could not be built, and why. */
export interface UnusableItem {
  /** The reference as built from the provider's data (quoted and cut for display). */
  ref: string;
  reason: string;
}

/**
 * A provider returned items whose id is missing or cannot be part of a reference (empty, `..`, a `/` or `@`), so
 * no reference could read them again. They are left out and reported, never turned into a reference to something
 * else; in a listing the provider's other items are still returned.
 */
export class UnusableItemError extends ModelfleetError {
  /** The provider's id. */
  readonly provider: string;
  /** How many items were left out. */
  readonly count: number;
  /** The first few of them (at most 5). */
  readonly items: readonly UnusableItem[];
  constructor(provider: string, items: readonly UnusableItem[]) {
    const first = items[0];
    super(
      `${provider} returned ${items.length} item${items.length === 1 ? "" : "s"} whose id cannot make a reference, left out` +
        (first ? `: ${first.ref} (${first.reason})${items.length > 1 ? ", …" : ""}` : ""),
    );
    this.provider = provider;
    this.count = items.length;
    this.items = items.slice(0, 5);
  }
  /** True for an `UnusableItemError` from this or another copy of the package. */
  declare static isInstance: (value: unknown) => value is UnusableItemError;
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), provider: this.provider, count: this.count, items: this.items };
  }
}
registerErrorClass(UnusableItemError, "UnusableItemError");

/**
 * One provider's failure inside a fan-out: of the provider as a whole, of one item it listed (`item` set), or of a
 * listing that stopped after some pages (whose versions were kept).
 */
export interface ProviderFailure {
  /** The provider's id. */
  provider: string;
  /** What the provider's client threw: usually a `ModelfleetError` subclass. */
  error: unknown;
  /**
   * Set when one item's own read failed (the provider's listing named it, reading it did not work): the item in the
   * provider's reference syntax, e.g. `acme:<endpoint_id>` or a model `acme:<model_id>` (the modelfleet README
   * lists each provider's). The provider's other items were listed.
   */
  item?: string;
}

/**
 * Some providers, or some items of theirs, failed during a fan-out (`listDeployments`) while others answered. Thrown by the iterator
 * after every successful result has been yielded, so the results are not lost and the failure is not missed.
 */
export class PartialFailureError extends ModelfleetError {
  readonly failures: readonly ProviderFailure[];
  constructor(failures: readonly ProviderFailure[]) {
    super(
      `${failures.length} provider failure${failures.length === 1 ? "" : "s"}: ${failures
        .map((f) => `${f.provider} (${f.item === undefined ? "" : `${f.item}: `}${describeError(f.error)})`)
        .join("; ")}`,
    );
    this.failures = failures;
  }
  override get isRetryable(): boolean {
    return this.failures.every((f) => ModelfleetError.isInstance(f.error) && f.error.isRetryable);
  }
  /** True for a `PartialFailureError` from this or another copy of the package. */
  declare static isInstance: (value: unknown) => value is PartialFailureError;
  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      failures: this.failures.map((f) => ({
        provider: f.provider,
        ...(f.item === undefined ? {} : { item: f.item }),
        error: ModelfleetError.isInstance(f.error) ? f.error.toJSON() : describeError(f.error),
      })),
    };
  }
}
registerErrorClass(PartialFailureError, "PartialFailureError");

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
