import type { Middleware } from "openapi-fetch";
import { describeValue } from "./describe-value.js";
import { ConfigurationError, InvalidArgumentError } from "./errors.js";
import { isLogLevel, type Logger, type LogLevel } from "./logger.js";

/** Options every generated `create<Provider>Client` accepts. */
export interface ClientOptions {
  /** The API key. Defaults to the provider's environment variable (e.g. `SIEVE_API_KEY`). */
  apiKey?: string;
  /**
   * Overrides the spec's server, e.g. a proxy or a local mock. Must be https unless it is loopback. Defaults to the
   * provider's `<PROVIDER>_BASE_URL` variable (e.g. `SIEVE_BASE_URL`) when the key comes from its variable too, else to
   * the spec's server.
   */
  baseUrl?: string;
  /** The `fetch` to send requests with; defaults to `globalThis.fetch`. */
  fetch?: (input: Request) => Promise<Response>;
  /** Headers added to every request. */
  headers?: Record<string, string>;
  /**
   * Per-attempt timeout in milliseconds, covering redirects and the body. Default 60 000. `0` or `Infinity`
   * means no timeout; otherwise at most 2 147 483 647 (about 24.8 days, the longest timer the platform has).
   */
  timeoutMs?: number;
  /** Retries after the first attempt, for retryable failures of retryable operations. Default 2. */
  maxRetries?: number;
  /**
   * The largest response body accepted, in bytes, counted after decompression while it streams in. A larger one
   * stops the read and fails the call with `ResponseTooLargeError`. Default 33 554 432 (32 MiB).
   */
  maxResponseBytes?: number;
  /** Where log lines go; defaults to `console` when a log level is set. */
  logger?: Logger;
  /** Default `off`, or the `MODELFLEET_LOG` environment variable. */
  logLevel?: LogLevel;
  /** Replaces the default `modelfleet/<package>@<version>` User-Agent. */
  userAgent?: string;
  /** openapi-fetch middleware; it sees one logical request per call, whatever the retries. */
  middleware?: Middleware[];
  /** Waits between retries; replace it in tests or to drive retries from your own scheduler. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/** Options of a single call; they override the client's. */
export interface RequestOptions {
  /** Aborts the call; an abort is never retried and surfaces as the platform's `AbortError`. */
  signal?: AbortSignal;
  /** Per-attempt timeout for this call, in milliseconds (`0` or `Infinity`: none). */
  timeoutMs?: number;
  /** Retries for this call. */
  maxRetries?: number;
  /** The largest response body accepted for this call, in bytes. */
  maxResponseBytes?: number;
  /** Headers added to this call's request. */
  headers?: Record<string, string>;
  /**
   * Called with the final successful response (its body already read), for headers the parsed result
   * does not carry, such as a `Link` header for the next page.
   */
  onResponse?: (response: Response) => void;
}

export const DEFAULT_TIMEOUT_MS = 60_000;
export const DEFAULT_MAX_RETRIES = 2;
export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;
/** Past this many retries a setting is almost certainly a mistake (each may wait up to 8 s). */
const MAX_RETRIES_LIMIT = 10;
/** The longest timer `setTimeout` keeps; a longer one would fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** The limits a client or a call may set. */
export interface Limits {
  timeoutMs?: unknown;
  maxRetries?: unknown;
  maxResponseBytes?: unknown;
}

/** Each limit that is set and unusable, with the rule it breaks. */
function limitProblems(limits: Limits): Array<{ name: keyof Limits; rule: string }> {
  const problems: Array<{ name: keyof Limits; rule: string }> = [];
  const { timeoutMs, maxRetries, maxResponseBytes } = limits;
  const isNumber = (v: unknown): v is number => typeof v === "number" && !Number.isNaN(v);
  if (timeoutMs !== undefined && !(isNumber(timeoutMs) && (timeoutMs === Infinity || (timeoutMs >= 0 && timeoutMs <= MAX_TIMER_MS)))) {
    problems.push({
      name: "timeoutMs",
      rule: `must be a number of milliseconds from 0 to ${MAX_TIMER_MS}, or Infinity (0 and Infinity: no timeout)`,
    });
  }
  if (
    maxRetries !== undefined &&
    !(isNumber(maxRetries) && Number.isInteger(maxRetries) && maxRetries >= 0 && maxRetries <= MAX_RETRIES_LIMIT)
  ) {
    problems.push({ name: "maxRetries", rule: `must be an integer from 0 to ${MAX_RETRIES_LIMIT}` });
  }
  if (maxResponseBytes !== undefined && !(isNumber(maxResponseBytes) && Number.isSafeInteger(maxResponseBytes) && maxResponseBytes > 0)) {
    problems.push({ name: "maxResponseBytes", rule: "must be a positive integer number of bytes" });
  }
  return problems;
}

/** Throws a {@link ConfigurationError} naming the first unusable limit of a client's options. */
export function checkClientLimits(options: Limits): void {
  const [problem] = limitProblems(options);
  if (problem) throw new ConfigurationError(problem.name, `${problem.name} ${problem.rule}, got ${describeValue(options[problem.name])}`);
}

/** Throws an {@link InvalidArgumentError} naming the first unusable limit of a call's options. */
export function checkCallLimits(options: Limits): void {
  const [problem] = limitProblems(options);
  if (problem) {
    const name = `options.${problem.name}`;
    throw new InvalidArgumentError(name, `${name} ${problem.rule}, got ${describeValue(options[problem.name])}`);
  }
}

/** A timeout as the transport uses it: `undefined` when there is none. */
export function effectiveTimeout(timeoutMs: number): number | undefined {
  return timeoutMs === 0 || timeoutMs === Infinity ? undefined : timeoutMs;
}

/** Checks an explicit or environment API key; never includes the key in the message. */
export function checkApiKey(key: string | undefined, source: string, envVar: string, providerName: string): string {
  if (key === undefined) {
    throw new ConfigurationError("apiKey", `${providerName} API key is missing: pass { apiKey } or set the ${envVar} environment variable`);
  }
  if (typeof key !== "string" || key.trim() === "") {
    throw new ConfigurationError("apiKey", `${providerName} API key from ${source} is empty`);
  }
  // A CR/LF in a header value would let a key smuggle extra headers; other control bytes are never valid.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(key)) {
    throw new ConfigurationError("apiKey", `${providerName} API key from ${source} contains control characters (a pasted newline?)`);
  }
  // Header values are Latin-1; fetch would refuse anything else on every attempt, quoting the key.
  if (/[^\x20-\xff]/.test(key)) {
    throw new ConfigurationError(
      "apiKey",
      `${providerName} API key from ${source} contains characters that cannot be sent in an HTTP header`,
    );
  }
  return key.trim();
}

/**
 * The variable a provider's base URL is read from when no `baseUrl` option is given: `SIEVE_BASE_URL` for `sieve`,
 * `OPPER_V2_BASE_URL` for `opper-v2` (the variables the CLI reads too).
 */
export function baseUrlEnvVar(providerId: string): string {
  return `${providerId.toUpperCase().replaceAll("-", "_")}_BASE_URL`;
}

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

/** Accepts https, or http on loopback only, so a key is never sent in clear text over a network. */
export function checkBaseUrl(value: unknown): string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new ConfigurationError("baseUrl", `baseUrl must be a non-empty URL string, got ${describeValue(value)}`);
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigurationError("baseUrl", `baseUrl is not a valid absolute URL: ${JSON.stringify(value)}`);
  }
  const loopback = LOOPBACK_HOSTS.has(url.hostname) || /^127(\.\d{1,3}){3}$/.test(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback)) {
    throw new ConfigurationError(
      "baseUrl",
      `baseUrl must use https (http is allowed only for loopback hosts), got ${url.protocol}//${url.host}`,
    );
  }
  if (url.username || url.password) {
    throw new ConfigurationError("baseUrl", "baseUrl must not contain credentials; pass the key as apiKey");
  }
  return value.replace(/\/+$/, "");
}

export function checkLogLevel(value: unknown, source: string): LogLevel | undefined {
  if (value === undefined || value === "") return undefined;
  if (!isLogLevel(value)) {
    throw new ConfigurationError("logLevel", `${source} must be one of off, error, warn, info, debug; got ${describeValue(value)}`);
  }
  return value;
}
