import type { Middleware } from "openapi-fetch";
import { ConfigurationError } from "./errors.js";
import { isLogLevel, type Logger, type LogLevel } from "./logger.js";

/** Options every generated `create<Provider>Client` accepts. */
export interface ClientOptions {
  /** The API key. Defaults to the provider's environment variable (e.g. `SIEVE_API_KEY`). */
  apiKey?: string;
  /** Overrides the spec's server, e.g. a proxy or a local mock. Must be https unless it is loopback. */
  baseUrl?: string;
  /** The `fetch` to send requests with; defaults to `globalThis.fetch`. */
  fetch?: (input: Request) => Promise<Response>;
  /** Headers added to every request. */
  headers?: Record<string, string>;
  /** Per-attempt timeout in milliseconds. Default 60 000. */
  timeoutMs?: number;
  /** Retries after the first attempt, for retryable failures of retryable operations. Default 2. */
  maxRetries?: number;
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
  /** Per-attempt timeout for this call, in milliseconds. */
  timeoutMs?: number;
  /** Retries for this call. */
  maxRetries?: number;
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
/** Past this many retries a setting is almost certainly a mistake (each may wait up to 8 s). */
const MAX_RETRIES_LIMIT = 10;

/** Throws a {@link ConfigurationError} naming the option if `timeoutMs` or `maxRetries` is unusable. */
export function checkRetryOptions(options: { timeoutMs?: unknown; maxRetries?: unknown }, prefix = ""): void {
  if (options.timeoutMs !== undefined) {
    const t = options.timeoutMs;
    if (typeof t !== "number" || !Number.isFinite(t) || t <= 0) {
      throw new ConfigurationError(
        `${prefix}timeoutMs`,
        `${prefix}timeoutMs must be a positive number of milliseconds, got ${describe(t)}`,
      );
    }
  }
  if (options.maxRetries !== undefined) {
    const r = options.maxRetries;
    if (typeof r !== "number" || !Number.isInteger(r) || r < 0 || r > MAX_RETRIES_LIMIT) {
      throw new ConfigurationError(
        `${prefix}maxRetries`,
        `${prefix}maxRetries must be an integer from 0 to ${MAX_RETRIES_LIMIT}, got ${describe(r)}`,
      );
    }
  }
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
  return key.trim();
}

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

/** Accepts https, or http on loopback only, so a key is never sent in clear text over a network. */
export function checkBaseUrl(value: unknown): string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new ConfigurationError("baseUrl", `baseUrl must be a non-empty URL string, got ${describe(value)}`);
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
    throw new ConfigurationError("logLevel", `${source} must be one of off, error, warn, info, debug; got ${describe(value)}`);
  }
  return value;
}

function describe(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}
