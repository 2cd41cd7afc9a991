import { parse, stringify } from "yaml";
import { readUpstream, type Upstream } from "../conform/upstream.js";
import type { Diagnostic } from "../diagnostics.js";
import { DISPLAY_NAME, DISPLAY_NAME_HELP } from "../generate/display-name.js";
import { isRecord } from "../openapi/json.js";
import { pointerOf } from "../openapi/pointer.js";

export { SIDECAR_SUFFIX, VENDOR_INFIX } from "./sidecar-name.js";

/**
 * What a vendor's OpenAPI document lacks or gets wrong, kept beside it so the document itself stays exactly as
 * downloaded: replacing it with a newer download keeps these choices, and `diff` shows only the vendor's changes.
 */
export interface Sidecar {
  /** File name of the vendor document, in the same directory. */
  spec: string;
  /** npm package name, e.g. `@modelfleet/acme`. */
  package: string;
  /** PascalCase name used in generated identifiers, e.g. `Acme`. */
  name: string;
  /** How messages name the provider, when not {@link name}, e.g. `Acme Cloud`. */
  displayName?: string;
  /** Environment variable the API key is read from, e.g. `ACME_API_KEY`. */
  envVar: string;
  /** Base URL when the document has no usable absolute `servers[0].url`. */
  baseUrl?: string;
  /** Name of the security scheme to send the key with, when the document lists several. */
  auth?: string;
  requestIdHeader?: string;
  errorMessageKeys?: string[];
  /** Method names by operationId (as written or derived), replacing the derived camelCase name. */
  rename?: Record<string, string>;
  /** operationIds (as written or derived) of operations to leave out of the client. */
  exclude?: string[];
  /**
   * How list operations page, by operationId (as written or derived, like `rename` and `exclude`): each value is
   * what `x-modelfleet-pagination` takes in our own specs (a style mapping, or `false`), checked by the same code.
   */
  pagination?: Record<string, unknown>;
  /** Where the vendor publishes the document (`{url}`, https), for `modelfleet-codegen sync` to download it again. */
  upstream?: Upstream;
}

/** Reads a sidecar, naming every field that is missing or of the wrong type. */
export function parseSidecar(text: string, file: string): { sidecar?: Sidecar; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  // The pointer names the offending key, so the caller can give the diagnostic the sidecar's line and column.
  const fail = (message: string, help: string, key?: string) =>
    diagnostics.push({ severity: "error", code: "modelfleet/sidecar", message, file, help, ...(key ? { pointer: pointerOf(key) } : {}) });
  let value: unknown;
  try {
    value = parse(text);
  } catch (error) {
    fail(`not valid YAML: ${(error as Error).message.split("\n")[0]}`, "fix the YAML syntax");
    return { diagnostics };
  }
  if (!isRecord(value)) {
    fail("the sidecar must be a YAML mapping", "see tools/codegen/README.md for its fields");
    return { diagnostics };
  }
  const string = (key: string, pattern: RegExp, help: string, optional = false): string | undefined => {
    const field = value[key];
    if (field === undefined && optional) return undefined;
    if (typeof field !== "string" || !pattern.test(field)) {
      fail(
        `${key} is ${field === undefined ? "missing" : `invalid (${JSON.stringify(field)})`}`,
        help,
        field === undefined ? undefined : key,
      );
      return undefined;
    }
    return field;
  };
  const sidecar = {
    spec: string("spec", /^[^/\\]+\.(ya?ml|json)$/, "the vendor document's file name in specs/, e.g. `acme.json`"),
    package: string("package", /^(@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/, "an npm package name"),
    name: string("name", /^[A-Z][A-Za-z0-9]*$/, "a PascalCase identifier, e.g. `Acme`"),
    displayName: string("displayName", DISPLAY_NAME, DISPLAY_NAME_HELP, true),
    envVar: string("envVar", /^[A-Z][A-Z0-9_]*$/, "an environment variable name, e.g. `ACME_API_KEY`"),
    baseUrl: string("baseUrl", /^https?:\/\/[^{}\s]+$/, "an absolute http(s) URL without variables", true),
    auth: string("auth", /./, "the name of one entry of the document's components.securitySchemes", true),
    requestIdHeader: string("requestIdHeader", /^[A-Za-z0-9-]+$/, "a header name", true),
  } as Partial<Sidecar>;
  for (const key of ["errorMessageKeys", "exclude"] as const) {
    const list = value[key];
    if (list === undefined) continue;
    if (Array.isArray(list) && list.every((item) => typeof item === "string")) sidecar[key] = list as string[];
    else fail(`${key} must be a list of strings`, `e.g. \`${key}: [first, second]\``, key);
  }
  if (value.rename !== undefined) {
    const rename = value.rename;
    if (isRecord(rename) && Object.values(rename).every((name) => typeof name === "string" && /^[a-z_$][A-Za-z0-9_$]*$/.test(name)))
      sidecar.rename = rename as Record<string, string>;
    else fail("rename must map operationIds to camelCase method names", "e.g. `rename: {models_list: listModels}`", "rename");
  }
  if (value.pagination !== undefined) {
    // Only the map itself is checked here: each value is checked where it applies, by the same code as the extension.
    if (isRecord(value.pagination)) sidecar.pagination = value.pagination;
    else
      fail(
        "pagination must map operationIds to pagination declarations",
        "e.g. `pagination: {listJobs: {style: cursor, items: /data, cursor: after, next: /next_cursor}}`",
        "pagination",
      );
  }
  if (value.upstream !== undefined) {
    const upstream = readUpstream(value.upstream);
    if (upstream.problem) fail(upstream.problem, "e.g. `upstream: {url: https://api.example.com/openapi.json}`", "upstream");
    else sidecar.upstream = upstream.upstream;
  }
  return diagnostics.length ? { diagnostics } : { sidecar: dropUndefined(sidecar) as unknown as Sidecar, diagnostics };
}

/** The sidecar as written by `import`, with a comment saying what it is for. */
export function formatSidecar(sidecar: Sidecar): string {
  return [
    "# modelfleet settings for the vendor document named by `spec` (kept unchanged next to this file).",
    "# Written by `modelfleet-codegen import`; edit freely: rename, exclude, pagination, auth, baseUrl.",
    stringify(dropUndefined({ ...sidecar })),
  ].join("\n");
}

function dropUndefined(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}
