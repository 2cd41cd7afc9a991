import type { Diagnostic } from "../diagnostics.js";
import { isWebhookOnly } from "../generate/webhooks.js";
import { camelCase } from "../names.js";
import type { OpenApiDocument, OperationObject, PathItemObject, RequestBodyObject, SecuritySchemeObject } from "../openapi/document.js";
import { isRecord } from "../openapi/json.js";
import { bodyEncodingOf } from "../openapi/media-types.js";
import { HTTP_METHODS, walkOperations } from "../openapi/operations.js";
import { pointerOf } from "../openapi/pointer.js";
import { deref } from "../openapi/resolve.js";
import type { Sidecar } from "./sidecar.js";
import { type NamedOperation, placeSidecarPagination, type SidecarPlacement } from "./sidecar-pagination.js";

/** Keys a path item may hold besides its operations. Anything else is a method OpenAPI does not have (`query`). */
const PATH_ITEM_KEYS = new Set(["$ref", "summary", "description", "servers", "parameters"]);
/** The scheme assumed for a document that defines none. */
const DEFAULT_SCHEME = "bearerToken";
/** Method names the generated client uses itself. */
const RESERVED = new Set(["raw", "provider", "constructor", "toString", "toJSON"]);

/** Problems the model and emitters would stop on, turned into what imported mode does about them. */
export interface PreparedImport {
  /** One warning per thing skipped, derived or chosen; errors only for what no default can fix (no base URL, no usable auth). */
  diagnostics: Diagnostic[];
  /** The sidecar's `pagination` entries and the operations they were put on (`relocateToSidecar` reports at them). */
  placements: SidecarPlacement[];
}

/**
 * Rewrites a vendor document, in memory only, into one the strict model accepts: identity and base URL from the
 * sidecar, one security scheme, every operation named, nothing the client cannot express. The file on disk is never
 * touched. Every change is reported as a warning at the pointer it concerns.
 */
export function prepareImported(doc: OpenApiDocument, sidecar: Sidecar, file: string, sidecarFile: string): PreparedImport {
  const diagnostics: Diagnostic[] = [];
  const warn = (code: string, message: string, pointer: string) =>
    diagnostics.push({ severity: "warning", code: `import/${code}`, message, file, pointer });
  const fail = (code: string, message: string, pointer: string, help: string) =>
    diagnostics.push({ severity: "error", code: `import/${code}`, message, file, pointer, help });

  doc.info = { ...(isRecord(doc.info) ? doc.info : {}) };
  doc.info["x-modelfleet"] = {
    package: sidecar.package,
    name: sidecar.name,
    ...(sidecar.displayName ? { displayName: sidecar.displayName } : {}),
    envVar: sidecar.envVar,
    ...(sidecar.requestIdHeader ? { requestIdHeader: sidecar.requestIdHeader } : {}),
    ...(sidecar.errorMessageKeys ? { errorMessageKeys: sidecar.errorMessageKeys } : {}),
  };

  const typesOnly = isWebhookOnly(doc);
  const baseUrl = sidecar.baseUrl ?? serverUrl(doc);
  if (baseUrl) doc.servers = [{ url: baseUrl }];
  else if (!typesOnly) {
    fail(
      "no-base-url",
      "the document has no absolute servers[0].url and the sidecar gives no baseUrl",
      "#/servers",
      "import again with --base-url <url>, or add `baseUrl:` to the sidecar",
    );
  }

  if (typesOnly) {
    warn(
      "no-client",
      "the document declares webhooks and no operation: the package exports the webhook payload types and has no client",
      "#/webhooks",
    );
  } else if (isRecord(doc.webhooks)) {
    for (const name of Object.keys(doc.webhooks))
      warn("skipped-webhook", `webhook ${name} skipped: the client only calls the API`, pointerOf("webhooks", name));
    delete doc.webhooks;
  }

  const skipped = skipInexpressible(doc, sidecar, warn);
  const named = nameOperations(doc, sidecar, warn);
  const placed = placeSidecarPagination(sidecar, sidecarFile, named, skipped);
  diagnostics.push(...placed.diagnostics);
  // A types-only package sends nothing: which scheme a client would use is no news worth a warning.
  chooseSecurity(doc, sidecar, typesOnly ? () => undefined : warn, fail);
  return { diagnostics, placements: placed.placements };
}

type Warn = (code: string, message: string, pointer: string) => void;

function serverUrl(doc: OpenApiDocument): string | undefined {
  const server = Array.isArray(doc.servers) ? doc.servers[0] : undefined;
  if (!isRecord(server) || typeof server.url !== "string") return undefined;
  // Server variables take their defaults, as a client without configuration would.
  const variables = isRecord(server.variables) ? server.variables : {};
  const url = server.url.replace(/\{([^}]+)\}/g, (whole, name: string) => {
    const variable = variables[name];
    return isRecord(variable) && typeof variable.default === "string" ? variable.default : whole;
  });
  return /^https?:\/\/[^{}\s]+$/.test(url) ? url : undefined;
}

/**
 * Drops paths and operations the client cannot call, each with one warning. Returns why each dropped operation was
 * dropped, by operationId as written or derived (a sidecar entry naming one is told why it has no operation).
 */
function skipInexpressible(doc: OpenApiDocument, sidecar: Sidecar, warn: Warn): Map<string, string> {
  const skipped = new Map<string, string>();
  const paths = isRecord(doc.paths) ? doc.paths : {};
  const excluded = new Set(sidecar.exclude ?? []);
  const seenShapes = new Map<string, string>();
  for (const [path, raw] of Object.entries(paths)) {
    const itemPointer = pointerOf("paths", path);
    if (path.includes("?")) {
      warn("skipped-path", `path ${path} skipped: a query string in a path key cannot be expressed`, itemPointer);
      const item = deref<PathItemObject>(doc, raw);
      for (const method of HTTP_METHODS) {
        const op = isRecord(item) ? item[method] : undefined;
        if (isRecord(op)) skipped.set(originalId(op, method, path), `path ${path} is skipped (a query string in a path key)`);
      }
      delete paths[path];
      continue;
    }
    const item = deref<PathItemObject>(doc, raw);
    if (!isRecord(item)) continue;
    // A resolved path item is copied, so that removing an operation never edits a shared component.
    const own: PathItemObject = { ...item };
    paths[path] = own;
    for (const key of Object.keys(own)) {
      if ((HTTP_METHODS as readonly string[]).includes(key) || PATH_ITEM_KEYS.has(key) || key.startsWith("x-")) continue;
      warn("skipped-method", `${key.toUpperCase()} ${path} skipped: ${key} is not an OpenAPI method`, pointerOf("paths", path, key));
      delete own[key];
    }
    const shape = path.replace(/\{[^}]*\}/g, "{}");
    for (const method of HTTP_METHODS) {
      const op = own[method];
      if (!isRecord(op)) continue;
      const pointer = pointerOf("paths", path, method);
      const label = `${method.toUpperCase()} ${path}`;
      const responses = isRecord(op.responses) ? Object.keys(op.responses) : [];
      const operationId = originalId(op, method, path);
      let reason: string | undefined;
      if (excluded.has(operationId)) reason = "excluded by the sidecar";
      else if (responses.includes("101")) reason = "a WebSocket upgrade (101) is not a request-response call";
      else if (!responses.some((status) => /^2(\d\d|XX)$/.test(status))) reason = "it declares no 2xx response";
      else if (!canSendBody(doc, op.requestBody)) reason = "its request body has no media type the client can send (JSON, form, multipart)";
      else if (seenShapes.has(`${method} ${shape}`)) reason = `it duplicates ${seenShapes.get(`${method} ${shape}`)} (same path shape)`;
      if (reason) {
        warn("skipped-operation", `${label} skipped: ${reason}`, pointer);
        skipped.set(operationId, `${label} is skipped: ${reason}`);
        delete own[method];
        continue;
      }
      seenShapes.set(`${method} ${shape}`, label);
      if ((method === "get" || method === "head") && op.requestBody !== undefined) {
        // fetch cannot send a body with GET or HEAD; the operation stays, called without one.
        warn(
          "dropped-body",
          `${label}: request body dropped: fetch cannot send a body with ${method.toUpperCase()}`,
          `${pointer}/requestBody`,
        );
        own[method] = { ...op, requestBody: undefined };
      }
    }
  }
  return skipped;
}

/** The operationId `rename`, `exclude` and `pagination` key an operation by: as written, else derived. */
export function originalId(op: Record<string, unknown>, method: string, path: string): string {
  return typeof op.operationId === "string" && op.operationId.trim() !== "" ? op.operationId : deriveOperationId(method, path);
}

function canSendBody(doc: OpenApiDocument, raw: unknown): boolean {
  const body = deref<RequestBodyObject>(doc, raw);
  if (!isRecord(body) || !isRecord(body.content) || Object.keys(body.content).length === 0) return true;
  return Object.keys(body.content).some((mediaType) => bodyEncodingOf(mediaType) !== undefined);
}

/**
 * Gives every operation a unique operationId that camelCases into a usable method name: missing ones derived from
 * method and path, FastAPI's `_<path>_<method>` suffix trimmed, sidecar renames applied, clashes numbered in
 * document order. The operationId is rewritten too, so that the generated types and the client agree. Returns the
 * operations by the operationId the sidecar keys them by (as written, or derived).
 */
function nameOperations(doc: OpenApiDocument, sidecar: Sidecar, warn: Warn): Map<string, NamedOperation[]> {
  const taken = new Set<string>();
  const named = new Map<string, NamedOperation[]>();
  for (const entry of walkOperations(doc)) {
    const op = entry.operation as OperationObject;
    const written = typeof op.operationId === "string" && op.operationId.trim() !== "" ? op.operationId : undefined;
    const original = written ?? deriveOperationId(entry.method, entry.path);
    let name = sidecar.rename?.[original] ?? camelCase(trimFastApiSuffix(original, entry.method, entry.path));
    if (!/^[a-z_$]/.test(name)) name = `op${name.charAt(0).toUpperCase()}${name.slice(1)}`;
    if (RESERVED.has(name)) name = `${name}Operation`;
    let unique = name;
    for (let n = 2; taken.has(unique.toLowerCase()); n++) unique = `${name}${n}`;
    taken.add(unique.toLowerCase());
    if (!written)
      warn("derived-operation-id", `${entry.method.toUpperCase()} ${entry.path} has no operationId; named ${unique}`, entry.pointer);
    else if (unique !== name)
      warn("renamed-operation", `operationId ${written} clashes with another; named ${unique}`, `${entry.pointer}/operationId`);
    // A copy: two path items may share one operation object through a $ref.
    const owned = { ...op, operationId: unique };
    entry.pathItem[entry.method] = owned;
    named.set(original, [...(named.get(original) ?? []), { pointer: entry.pointer, operation: owned, methodName: unique }]);
  }
  return named;
}

/** `get /v1/models/{model_id}/versions` becomes `getModelsByModelIdVersions` (a leading version segment dropped). */
export function deriveOperationId(method: string, path: string): string {
  const segments = path.split("/").filter(Boolean);
  if (segments.length > 1 && /^v\d+(\.\d+)*$/i.test(segments[0] ?? "")) segments.shift();
  const words = segments.map((s) => (/^\{.+\}$/.test(s) ? `by ${s.slice(1, -1)}` : s));
  return camelCase(`${method} ${words.join(" ") || "root"}`);
}

/** FastAPI names operations `<function>_<path with _ for every non-word character>_<method>`; keeps `<function>`. */
export function trimFastApiSuffix(operationId: string, method: string, path: string): string {
  const suffix = `${path.replace(/\W/g, "_")}_${method}`;
  if (operationId.length > suffix.length && operationId.endsWith(suffix)) return operationId.slice(0, -suffix.length);
  return operationId;
}

/**
 * One scheme the runtime can send (an API key header, or an http token scheme): the sidecar's choice, else the first
 * the document requires, else the first it defines. Operations then all send it; those marked public
 * (`security: []`) are called the same way, which a public endpoint ignores.
 */
function chooseSecurity(
  doc: OpenApiDocument,
  sidecar: Sidecar,
  warn: Warn,
  fail: (code: string, message: string, pointer: string, help: string) => void,
): void {
  const schemes = isRecord(doc.components) && isRecord(doc.components.securitySchemes) ? doc.components.securitySchemes : {};
  const required = [
    ...(doc.security ?? []),
    ...walkOperations(doc).flatMap((entry) => (Array.isArray(entry.operation.security) ? entry.operation.security : [])),
  ].flatMap((requirement) => (isRecord(requirement) ? Object.keys(requirement) : []));
  const candidates = [...new Set([...required, ...Object.keys(schemes)])];
  const usable = candidates.filter((name) => isSupported(deref<SecuritySchemeObject>(doc, schemes[name])));
  if (candidates.length === 0 && !sidecar.auth) {
    // Many documents describe their auth in prose only. A bearer token is the common case; the sidecar can say otherwise.
    doc.components = {
      ...(isRecord(doc.components) ? doc.components : {}),
      securitySchemes: { [DEFAULT_SCHEME]: { type: "http", scheme: "bearer" } },
    };
    warn("default-auth", `the document defines no security scheme: the key is sent as \`Authorization: Bearer <key>\``, "#/components");
    doc.security = [{ [DEFAULT_SCHEME]: [] }];
    for (const entry of walkOperations(doc)) delete entry.operation.security;
    return;
  }
  const chosen = sidecar.auth ?? usable[0];
  if (!chosen || !isSupported(deref<SecuritySchemeObject>(doc, schemes[chosen]))) {
    fail(
      "auth",
      sidecar.auth
        ? `security scheme ${sidecar.auth} (from the sidecar) is not defined or not supported`
        : `no supported security scheme among ${candidates.length ? candidates.join(", ") : "none defined"}`,
      "#/components/securitySchemes",
      "the client sends one key: an apiKey header or an http token (bearer) scheme; name it with `auth:` in the sidecar",
    );
    return;
  }
  if (usable.length > 1 && !sidecar.auth) {
    warn(
      "security-choice",
      `using security scheme ${chosen} of ${usable.join(", ")}; set \`auth:\` in the sidecar to choose`,
      "#/components/securitySchemes",
    );
  }
  doc.security = [{ [chosen]: [] }];
  for (const entry of walkOperations(doc)) delete entry.operation.security;
}

function isSupported(scheme: SecuritySchemeObject | undefined): boolean {
  if (!isRecord(scheme)) return false;
  if (scheme.type === "apiKey") return scheme.in === "header" && typeof scheme.name === "string";
  return (
    scheme.type === "http" &&
    typeof scheme.scheme === "string" &&
    scheme.scheme.toLowerCase() !== "basic" &&
    /^[A-Za-z][A-Za-z0-9-]*$/.test(scheme.scheme)
  );
}
