import { UsageError } from "./usage.js";

/** How long a command waits for providers when `--timeout` is not given, in seconds. */
export const DEFAULT_TIMEOUT_S = 60;
/** The largest `--timeout`: a day. Longer waits are a mistake, and timers cannot go much beyond 24 days anyway. */
const MAX_TIMEOUT_S = 86_400;

/** What a deadline was waiting for: the provider and the facade operation, e.g. `deepinfra` and `getVersion`. */
export interface AwaitedCall {
  provider: string;
  operation: string;
}

/**
 * A command waited `--timeout` seconds for a provider without getting an answer. The message names the provider
 * and operation (`deepinfra getVersion: no answer within 5 s (--timeout)`), as the runtime's errors do.
 */
export class DeadlineError extends Error {
  readonly seconds: number;
  readonly provider: string | undefined;
  readonly operation: string | undefined;
  constructor(seconds: number, awaited?: AwaitedCall) {
    super(`${awaited ? `${awaited.provider} ${awaited.operation}: ` : ""}no answer within ${seconds} s (--timeout)`);
    this.name = "DeadlineError";
    this.seconds = seconds;
    this.provider = awaited?.provider;
    this.operation = awaited?.operation;
  }
  /** The same deadline, for one of the providers a fleet-wide call was waiting for. */
  for(awaited: AwaitedCall): DeadlineError {
    return new DeadlineError(this.seconds, awaited);
  }
  /** `--json`'s form: no class name, which means nothing to a user. */
  toJSON(): Record<string, unknown> {
    return { message: this.message, provider: this.provider, operation: this.operation, timeoutSeconds: this.seconds };
  }
}

/** `--timeout <s>`: a positive number of seconds (decimals allowed), at most a day; the default when absent. */
export function parseTimeout(value: unknown, usage: string): number {
  if (value === undefined) return DEFAULT_TIMEOUT_S;
  const seconds = typeof value === "string" && /^\d+(\.\d+)?$/.test(value) ? Number(value) : Number.NaN;
  if (!(seconds > 0 && seconds <= MAX_TIMEOUT_S)) {
    throw new UsageError(`--timeout takes a number of seconds above 0 and at most ${MAX_TIMEOUT_S}, got ${JSON.stringify(value)}`, usage);
  }
  return seconds;
}

/**
 * Deadlines of one run: each {@link Deadlines.start} gives a signal aborted with a {@link DeadlineError} after
 * `seconds` (a command starts one per phase, so a confirmation prompt is not counted); `clear` stops every timer.
 */
export interface Deadlines {
  /** `awaited` names the provider and operation the signal's call waits for; a fleet-wide call passes none. */
  start(awaited?: AwaitedCall): AbortSignal;
  clear(): void;
}

export function deadlines(seconds: number): Deadlines {
  const timers = new Set<ReturnType<typeof setTimeout>>();
  return {
    start(awaited) {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(new DeadlineError(seconds, awaited)), seconds * 1000);
      timers.add(timer);
      return controller.signal;
    },
    clear() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
