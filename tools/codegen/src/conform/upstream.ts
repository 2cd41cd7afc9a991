import type { OpenApiDocument } from "../openapi/document.js";
import { isRecord } from "../openapi/json.js";

/** Where a spec's vendor publishes its own OpenAPI document: `info.x-modelfleet.upstream: {url}`. */
export interface Upstream {
  url: string;
}

/**
 * Reads `info.x-modelfleet.upstream` (or, for an imported package, the sidecar's `upstream`): absent is fine, present
 * must be `{url}` with an https URL (http only on loopback) carrying no credentials.
 */
export function readUpstream(value: unknown): { upstream?: Upstream; problem?: string } {
  if (value === undefined) return {};
  if (!isRecord(value) || typeof value.url !== "string" || Object.keys(value).some((key) => key !== "url"))
    return { problem: "upstream must be a mapping with one key, `url` (the vendor's OpenAPI document)" };
  let url: URL;
  try {
    url = new URL(value.url);
  } catch {
    return { problem: `upstream.url ${JSON.stringify(value.url)} is not a URL` };
  }
  // http only on loopback, as for servers: a test serves its documents there (and `sync` still refuses http unless
  // a test asks for it explicitly).
  const loopback = ["127.0.0.1", "[::1]", "localhost"].includes(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback))
    return { problem: `upstream.url ${JSON.stringify(value.url)} must use https` };
  if (url.username || url.password) return { problem: "upstream.url must not carry credentials" };
  return { upstream: { url: value.url } };
}

/** The upstream recorded in a hand-written spec's `info.x-modelfleet`. */
export function upstreamOfSpec(doc: OpenApiDocument): { upstream?: Upstream; problem?: string } {
  const ext = isRecord(doc.info) && isRecord(doc.info["x-modelfleet"]) ? doc.info["x-modelfleet"] : undefined;
  return readUpstream(ext?.upstream);
}
