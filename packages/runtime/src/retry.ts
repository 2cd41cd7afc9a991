import { abortableSleep } from "./abort-listeners.js";
/** First retry waits about this long; each further retry doubles it. */
export const BASE_DELAY_MS = 500;
/** No computed backoff waits longer than this. */
export const MAX_DELAY_MS = 8_000;
/** A server-requested wait longer than this is not slept through: the call fails at once instead. */
export const MAX_RETRY_AFTER_MS = 60_000;

import { isRetryableStatus } from "./errors.js";

/** Methods whose repetition has the same effect as one request. */
const IDEMPOTENT_METHODS = new Set(["GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE"]);

export function isIdempotentMethod(method: string): boolean {
  return IDEMPOTENT_METHODS.has(method.toUpperCase());
}

/**
 * Exponential backoff with "full jitter" on the upper half: 0.5 s × 2ⁿ, capped at 8 s, scaled into [50 %, 100 %]
 * so that many clients failing together do not retry in lockstep.
 */
export function backoffDelay(retryNumber: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BASE_DELAY_MS * 2 ** (retryNumber - 1), MAX_DELAY_MS);
  return Math.round(ceiling * (0.5 + random() * 0.5));
}

/** Whether a response is worth another attempt (the operation's own idempotency is checked by the caller). */
export function shouldRetry(response: Response): boolean {
  return isRetryableStatus(response.status);
}

/**
 * How long to wait before retry number `retryNumber`: what the failed response asked for (`Retry-After`), else
 * the backoff. A failure without a response (a connection error) passes no headers.
 */
export function retryDelay(retryNumber: number, headers?: Headers, random?: () => number): number {
  return (headers && retryAfterMs(headers)) ?? backoffDelay(retryNumber, random);
}

/**
 * The wait a response asks for: `retry-after-ms` (milliseconds), else `Retry-After` as seconds or an HTTP
 * date. `undefined` when absent or unparseable.
 */
export function retryAfterMs(headers: Headers, now: () => number = Date.now): number | undefined {
  const ms = headers.get("retry-after-ms");
  if (ms !== null && /^\s*\d+(\.\d+)?\s*$/.test(ms)) return Math.ceil(Number(ms));
  const value = headers.get("retry-after");
  if (value === null) return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(value)) return Math.ceil(Number(value) * 1000);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now());
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts (one listener per signal, see abort-listeners.ts). */
export const defaultSleep: (ms: number, signal: AbortSignal) => Promise<void> = abortableSleep;
