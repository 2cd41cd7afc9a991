import { ModelfleetError } from "@modelfleet/runtime";
import type { ModelVersion, VersionStatus } from "@modelfleet/runtime/fleet";
import { registerErrorClass } from "./errors.js";

/** Options of {@link Fleet.waitFor}. */
export interface WaitForOptions {
  /** Give up after this long (measured on the fleet's clock). Required: a deployment can stay pending forever. */
  timeoutMs: number;
  /** Aborts the wait (and the read in flight); surfaces as the platform's `AbortError`. */
  signal?: AbortSignal;
  /** The first pause between reads; it doubles after each read, up to `maxIntervalMs`. Default 1000. */
  intervalMs?: number;
  /** The longest pause between reads. Default 15000. */
  maxIntervalMs?: number;
}

/** What `waitFor` needs from its surroundings; injected so tests control time. */
export interface WaitTimers {
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  now(): number;
}

/**
 * `waitFor` ended without reaching the status: the version reached a terminal status (`failed`, `deleted`) that
 * is not the one waited for, or the time ran out. Carries the last status seen; never the raw object.
 */
export class WaitForStatusError extends ModelfleetError {
  /** True for a `WaitForStatusError` from this or another copy of the package. */
  declare static isInstance: (value: unknown) => value is WaitForStatusError;
  readonly ref: string;
  /** `terminal`: the version can no longer reach the status; `timeout`: `timeoutMs` passed first. */
  readonly reason: "terminal" | "timeout";
  readonly expected: readonly VersionStatus[];
  readonly lastStatus: VersionStatus;
  readonly lastProviderStatus: string | null;
  constructor(ref: string, reason: "terminal" | "timeout", expected: readonly VersionStatus[], last: ModelVersion, timeoutMs: number) {
    const seen = `${last.status}${last.providerStatus && last.providerStatus !== last.status ? ` (${last.providerStatus})` : ""}`;
    super(
      reason === "terminal"
        ? `${ref} is ${seen} and cannot become ${expected.join(" or ")}`
        : `${ref} did not become ${expected.join(" or ")} within ${timeoutMs} ms; last seen ${seen}`,
    );
    this.ref = ref;
    this.reason = reason;
    this.expected = expected;
    this.lastStatus = last.status;
    this.lastProviderStatus = last.providerStatus;
  }
  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      ref: this.ref,
      reason: this.reason,
      expected: this.expected,
      lastStatus: this.lastStatus,
      lastProviderStatus: this.lastProviderStatus,
    };
  }
}
registerErrorClass(WaitForStatusError, "WaitForStatusError");

/** Statuses a version does not leave on its own. */
const TERMINAL: readonly VersionStatus[] = ["failed", "deleted"];
const NEVER_ABORTED = new AbortController().signal;

/**
 * Reads the version until its status is one of `expected`, pausing with exponential backoff between reads and
 * never past the deadline. Read errors are not swallowed: the client has already retried what is retryable.
 */
export async function waitForStatus(
  read: (signal: AbortSignal | undefined) => Promise<ModelVersion>,
  ref: string,
  expected: readonly VersionStatus[],
  options: WaitForOptions,
  timers: WaitTimers,
): Promise<ModelVersion> {
  const { timeoutMs, signal } = options;
  const deadline = timers.now() + timeoutMs;
  let pause = options.intervalMs ?? 1_000;
  const maxPause = options.maxIntervalMs ?? 15_000;
  for (;;) {
    signal?.throwIfAborted();
    const version = await read(signal);
    if (expected.includes(version.status)) return version;
    if (TERMINAL.includes(version.status)) throw new WaitForStatusError(ref, "terminal", expected, version, timeoutMs);
    const left = deadline - timers.now();
    if (left <= 0) throw new WaitForStatusError(ref, "timeout", expected, version, timeoutMs);
    await timers.sleep(Math.min(pause, left), signal ?? NEVER_ABORTED);
    pause = Math.min(pause * 2, maxPause);
  }
}
