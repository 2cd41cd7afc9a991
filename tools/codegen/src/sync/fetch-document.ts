import { createHash } from "node:crypto";
import { parse } from "yaml";
import { isRecord } from "../openapi/json.js";

/** Why a vendor document could not be downloaded; each has its own code, so a CI log says which it was. */
export type FetchErrorCode =
  | "sync/insecure-url"
  | "sync/cross-origin-redirect"
  | "sync/too-many-redirects"
  | "sync/too-large"
  | "sync/timeout"
  | "sync/http-status"
  | "sync/network"
  | "sync/not-a-document";

/** A download that failed, naming the URL (never a credential: upstream URLs carry none) and what went wrong. */
export class FetchDocumentError extends Error {
  readonly code: FetchErrorCode;
  readonly url: string;
  constructor(code: FetchErrorCode, url: string, message: string) {
    super(`${code}: ${url}: ${message}`);
    this.name = "FetchDocumentError";
    this.code = code;
    this.url = url;
  }
}

/** Limits of one download. */
export interface FetchOptions {
  /** Whole download, redirects and body included (default 30 s). */
  timeoutMs?: number;
  /** Largest body accepted (default 32 MiB; the largest vendor document we know of is about 13 MB). */
  maxBytes?: number;
  /** Tests only: accept `http://` on a loopback address (127.0.0.1, ::1, localhost). Nothing else may. */
  allowLoopbackHttp?: boolean;
}

/** A downloaded vendor document: its text and sha256. */
export interface FetchedDocument {
  url: string;
  text: string;
  sha256: string;
}

const MAX_REDIRECTS = 5;

/**
 * Downloads one vendor OpenAPI document: https only, no credentials or cookies sent, redirects followed only within
 * the same origin, a timeout over the whole download and a size limit checked while the body streams in. The body
 * must parse as JSON or YAML into an OpenAPI (or Swagger) document.
 */
export async function fetchDocument(url: string, options: FetchOptions = {}): Promise<FetchedDocument> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxBytes = options.maxBytes ?? 32 * 1024 * 1024;
  const origin = checkUrl(url, url, options);
  const signal = AbortSignal.timeout(timeoutMs);
  let current = url;
  try {
    for (let hop = 0; ; hop++) {
      const response = await fetch(current, {
        redirect: "manual",
        credentials: "omit",
        headers: { accept: "application/json, application/yaml;q=0.9, text/yaml;q=0.9, */*;q=0.1" },
        signal,
      });
      if (response.status >= 300 && response.status < 400 && response.headers.has("location")) {
        await response.body?.cancel();
        if (hop >= MAX_REDIRECTS) throw new FetchDocumentError("sync/too-many-redirects", url, `more than ${MAX_REDIRECTS} redirects`);
        const next = new URL(response.headers.get("location") as string, current).href;
        if (checkUrl(next, url, options) !== origin)
          throw new FetchDocumentError(
            "sync/cross-origin-redirect",
            url,
            `redirected to another origin (${new URL(next).origin}); only same-origin redirects are followed`,
          );
        current = next;
        continue;
      }
      if (!response.ok) {
        await response.body?.cancel();
        throw new FetchDocumentError("sync/http-status", url, `the server answered ${response.status}`);
      }
      const text = await readLimited(response, maxBytes, url);
      checkDocument(text, url);
      return { url, text, sha256: createHash("sha256").update(text).digest("hex") };
    }
  } catch (error) {
    if (error instanceof FetchDocumentError) throw error;
    if (signal.aborted) throw new FetchDocumentError("sync/timeout", url, `no complete answer within ${timeoutMs} ms`);
    throw new FetchDocumentError("sync/network", url, (error as Error).message);
  }
}

function checkUrl(candidate: string, original: string, options: FetchOptions): string {
  let parsed: URL;
  try {
    parsed = new URL(candidate);
  } catch {
    throw new FetchDocumentError("sync/insecure-url", original, `${JSON.stringify(candidate)} is not a URL`);
  }
  const loopback = ["127.0.0.1", "[::1]", "localhost"].includes(parsed.hostname);
  if (parsed.protocol !== "https:" && !(options.allowLoopbackHttp && loopback && parsed.protocol === "http:"))
    throw new FetchDocumentError("sync/insecure-url", original, "only https URLs are downloaded");
  if (parsed.username || parsed.password) throw new FetchDocumentError("sync/insecure-url", original, "the URL carries credentials");
  return parsed.origin;
}

async function readLimited(response: Response, maxBytes: number, url: string): Promise<string> {
  const declared = Number(response.headers.get("content-length"));
  const tooLarge = () => new FetchDocumentError("sync/too-large", url, `the document is larger than ${maxBytes} bytes`);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  if (!reader) return "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function checkDocument(text: string, url: string): void {
  let value: unknown;
  try {
    value = text.trimStart().startsWith("{") ? JSON.parse(text) : parse(text, { maxAliasCount: 100 });
  } catch (error) {
    throw new FetchDocumentError("sync/not-a-document", url, `neither JSON nor YAML (${(error as Error).message.split("\n")[0]})`);
  }
  if (!isRecord(value) || (typeof value.openapi !== "string" && typeof value.swagger !== "string"))
    throw new FetchDocumentError("sync/not-a-document", url, "the body is not an OpenAPI document (no `openapi` version)");
}
