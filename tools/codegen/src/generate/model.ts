import type { Diagnostic } from "../diagnostics.js";
import { camelCase, pascalCase } from "../names.js";
import { isRecord, type LoadedSpec, locate, pointerOf } from "../openapi/load.js";

/** HTTP methods an OpenAPI path item can hold, in the order operations are emitted. */
const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
/** Methods the runtime may always retry: repeating them has the same effect as sending them once. */
const IDEMPOTENT_METHODS = new Set(["get", "head", "put", "delete", "options", "trace"]);
/** Names the generated client uses itself; an operation may not take them as its method name. */
const RESERVED_METHOD_NAMES = new Set(["raw", "provider", "constructor", "toString", "toJSON"]);

/** How the API key travels: one header, optionally with a scheme prefix (`Bearer `, `ApiKey `). */
export interface AuthModel {
  header: string;
  prefix: string;
  /** The scheme's name in `components.securitySchemes`, for documentation. */
  schemeName: string;
}

export interface ParamModel {
  name: string;
  in: "path" | "query" | "header";
  required: boolean;
}

export interface OperationModel {
  /** As written in the spec; keys `operations` in the openapi-typescript output. */
  operationId: string;
  /** camelCase method name on the generated client. */
  methodName: string;
  /** PascalCase stem for the generated `…Params` / `…Response` types. */
  typeName: string;
  method: Uppercase<(typeof HTTP_METHODS)[number]>;
  path: string;
  pointer: string;
  summary?: string;
  description?: string;
  deprecated: boolean;
  params: ParamModel[];
  body?: { required: boolean; mediaType: string };
  /** 2xx status codes, and the JSON media type of each one's body (none: the response has no JSON body). */
  success: Array<{ status: string; mediaType: string | undefined }>;
  idempotent: boolean;
}

/** Everything the emitters need about one provider, all of it read from the spec. */
export interface ProviderModel {
  /** Spec file stem (`sieve`), also the package directory name. */
  id: string;
  packageName: string;
  /** PascalCase display name used in identifiers (`DeepInfra`). */
  name: string;
  envVar: string;
  title: string;
  description?: string;
  baseUrl: string;
  auth: AuthModel;
  requestIdHeader?: string;
  errorMessageKeys?: string[];
  /** Property names the spec marks `x-modelfleet-sensitive: true`, redacted from logs. */
  sensitiveKeys: string[];
  schemaNames: string[];
  operations: OperationModel[];
}

/**
 * Reads the provider model out of a spec that passed Redocly's structural checks, collecting every
 * modelfleet-specific problem (missing extension, unsupported auth, name clashes) instead of stopping at the first.
 */
export function buildModel(spec: LoadedSpec, id: string): { model?: ProviderModel; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const report = (code: string, message: string, pointer: string, help: string) =>
    diagnostics.push({ severity: "error", code, message, file: spec.file, pointer, help, ...locate(spec, pointer) });
  const doc = spec.document;

  const openapi = typeof doc.openapi === "string" ? doc.openapi : "";
  if (!openapi.startsWith("3.1")) {
    report(
      "modelfleet/openapi-version",
      `expected OpenAPI 3.1, found ${JSON.stringify(doc.openapi ?? null)}`,
      "#/openapi",
      "set `openapi: 3.1.0`; 3.0 documents need `nullable` rewritten as type arrays",
    );
  }

  const info = isRecord(doc.info) ? doc.info : {};
  const ext = isRecord(info["x-modelfleet"]) ? info["x-modelfleet"] : undefined;
  if (!ext) {
    report(
      "modelfleet/missing-extension",
      "info.x-modelfleet is missing",
      "#/info",
      "add `x-modelfleet: {package: '@modelfleet/<id>', name: <PascalName>, envVar: <ID>_API_KEY}` under info",
    );
  }
  const extString = (key: string, pattern: RegExp, help: string): string => {
    const value = ext?.[key];
    if (ext && (typeof value !== "string" || !pattern.test(value))) {
      report(
        "modelfleet/invalid-extension",
        `info.x-modelfleet.${key} is ${value === undefined ? "missing" : `invalid (${JSON.stringify(value)})`}`,
        ext[key] === undefined ? "#/info/x-modelfleet" : `#/info/x-modelfleet/${key}`,
        help,
      );
    }
    return typeof value === "string" ? value : "";
  };
  const packageName = extString(
    "package",
    /^(@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/,
    "an npm package name, e.g. `@modelfleet/sieve`",
  );
  const name = extString("name", /^[A-Z][A-Za-z0-9]*$/, "a PascalCase identifier, e.g. `DeepInfra`");
  const envVar = extString("envVar", /^[A-Z][A-Z0-9_]*$/, "an environment variable name, e.g. `SIEVE_API_KEY`");
  const requestIdHeader = typeof ext?.requestIdHeader === "string" ? ext.requestIdHeader : undefined;
  let errorMessageKeys: string[] | undefined;
  if (ext?.errorMessageKeys !== undefined) {
    if (Array.isArray(ext.errorMessageKeys) && ext.errorMessageKeys.every((k) => typeof k === "string")) {
      errorMessageKeys = ext.errorMessageKeys as string[];
    } else {
      report(
        "modelfleet/invalid-extension",
        "info.x-modelfleet.errorMessageKeys must be a list of strings",
        "#/info/x-modelfleet/errorMessageKeys",
        "e.g. `errorMessageKeys: [message, detail]`",
      );
    }
  }

  const servers = Array.isArray(doc.servers) ? doc.servers : [];
  const baseUrl = isRecord(servers[0]) && typeof servers[0].url === "string" ? servers[0].url : "";
  if (!/^https?:\/\/[^{}]+$/.test(baseUrl)) {
    report(
      "modelfleet/missing-server",
      baseUrl
        ? `servers[0].url must be an absolute URL without variables, found ${JSON.stringify(baseUrl)}`
        : "the spec has no servers[0].url",
      servers.length ? "#/servers/0" : "#",
      "add `servers: [{url: https://api.example.com}]` with the provider's production base URL",
    );
  }

  const auth = readAuth(doc, report);
  const { operations, methodNames } = readOperations(doc, report);
  for (const [methodName, ids] of methodNames) {
    if (ids.length > 1) {
      report(
        "modelfleet/method-name-clash",
        `operationIds ${ids.join(", ")} all become the method name ${methodName}`,
        "#/paths",
        "rename one of the operationIds",
      );
    }
  }

  const components = isRecord(doc.components) ? doc.components : {};
  const schemas = isRecord(components.schemas) ? components.schemas : {};
  const schemaNames = Object.keys(schemas);
  for (const schemaName of schemaNames) {
    if (!/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(pascalCase(schemaName))) {
      report(
        "modelfleet/schema-name",
        `schema name ${JSON.stringify(schemaName)} cannot become a TypeScript identifier`,
        pointerOf("components", "schemas", schemaName),
        "use a PascalCase name of letters and digits",
      );
    }
  }

  if (diagnostics.length > 0 || !auth) return { diagnostics };
  return {
    diagnostics,
    model: {
      id,
      packageName,
      name,
      envVar,
      title: typeof info.title === "string" ? info.title : name,
      description: typeof info.description === "string" ? info.description : undefined,
      baseUrl: baseUrl.replace(/\/+$/, ""),
      auth,
      requestIdHeader,
      errorMessageKeys,
      sensitiveKeys: [...collectSensitiveKeys(doc)].sort(),
      schemaNames,
      operations,
    },
  };
}

type Report = (code: string, message: string, pointer: string, help: string) => void;

function readAuth(doc: Record<string, unknown>, report: Report): AuthModel | undefined {
  const components = isRecord(doc.components) ? doc.components : {};
  const schemes = isRecord(components.securitySchemes) ? components.securitySchemes : {};
  const security = Array.isArray(doc.security) ? doc.security : [];
  const used = security.flatMap((req) => (isRecord(req) ? Object.keys(req) : []));
  const schemeNames = [...new Set(used)];
  if (schemeNames.length !== 1) {
    report(
      "modelfleet/security",
      `the spec must require exactly one security scheme at the top level, found ${schemeNames.length}`,
      "#/security",
      "add `security: [{<schemeName>: []}]` naming one entry of components.securitySchemes",
    );
    return undefined;
  }
  const schemeName = schemeNames[0] as string;
  const scheme = schemes[schemeName];
  const pointer = pointerOf("components", "securitySchemes", schemeName);
  if (!isRecord(scheme)) {
    report(
      "modelfleet/security",
      `security scheme ${schemeName} is not defined`,
      "#/components/securitySchemes",
      "define it under components.securitySchemes",
    );
    return undefined;
  }
  if (scheme.type === "apiKey" && scheme.in === "header" && typeof scheme.name === "string") {
    return { header: scheme.name, prefix: "", schemeName };
  }
  if (scheme.type === "http" && typeof scheme.scheme === "string" && /^[A-Za-z][A-Za-z0-9-]*$/.test(scheme.scheme)) {
    const prefix = scheme.scheme.toLowerCase() === "bearer" ? "Bearer" : scheme.scheme;
    if (prefix.toLowerCase() === "basic") {
      report(
        "modelfleet/security",
        "HTTP basic auth is not supported",
        pointer,
        "use an apiKey header or an http scheme that sends one token",
      );
      return undefined;
    }
    return { header: "Authorization", prefix: `${prefix} `, schemeName };
  }
  report(
    "modelfleet/security",
    `security scheme ${schemeName} is not supported (supported: apiKey in a header, http with a token scheme)`,
    pointer,
    "express the key as `type: apiKey, in: header` or `type: http, scheme: bearer`",
  );
  return undefined;
}

function readOperations(doc: Record<string, unknown>, report: Report) {
  const operations: OperationModel[] = [];
  const methodNames = new Map<string, string[]>();
  const paths = isRecord(doc.paths) ? doc.paths : {};
  for (const [path, rawItem] of Object.entries(paths)) {
    const item = resolve(doc, rawItem);
    if (!isRecord(item)) continue;
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!isRecord(op)) continue;
      const pointer = pointerOf("paths", path, method);
      const operationId = typeof op.operationId === "string" ? op.operationId : "";
      if (!operationId) continue; // reported by Redocly's operation-operationId rule
      const methodName = camelCase(operationId);
      if (!/^[a-z_$][A-Za-z0-9_$]*$/.test(methodName) || RESERVED_METHOD_NAMES.has(methodName)) {
        report(
          "modelfleet/operation-id",
          `operationId ${JSON.stringify(operationId)} cannot become a method name`,
          `${pointer}/operationId`,
          "use a camelCase operationId such as `listVersions` (not `raw` or `provider`)",
        );
        continue;
      }
      methodNames.set(methodName, [...(methodNames.get(methodName) ?? []), operationId]);
      const params = readParams(doc, item.parameters, op.parameters);
      const seen = new Map<string, string>();
      for (const p of params) {
        const other = seen.get(p.name);
        if (other || p.name === "body") {
          report(
            "modelfleet/param-clash",
            `parameter ${JSON.stringify(p.name)} (${p.in}) clashes with ${other ? `the ${other} parameter of the same name` : "the request body argument"}`,
            `${pointer}/parameters`,
            "rename one of them; generated methods take path, query and header parameters in one object",
          );
        }
        seen.set(p.name, p.in);
      }
      const body = readBody(doc, op.requestBody);
      const responses = isRecord(op.responses) ? op.responses : {};
      const success = Object.keys(responses)
        .filter((status) => /^2(\d\d|XX)$/.test(status))
        .sort()
        .map((status) => {
          const response = resolve(doc, responses[status]);
          const content = isRecord(response) && isRecord(response.content) ? response.content : {};
          return { status, mediaType: Object.keys(content).find(isJsonMediaType) };
        });
      if (success.length === 0) {
        report(
          "modelfleet/no-success-response",
          `operation ${operationId} declares no 2xx response`,
          `${pointer}/responses`,
          "declare the success response so the client knows what it returns",
        );
      }
      operations.push({
        operationId,
        methodName,
        typeName: pascalCase(operationId),
        method: method.toUpperCase() as OperationModel["method"],
        path,
        pointer,
        summary: typeof op.summary === "string" ? op.summary : undefined,
        description: typeof op.description === "string" ? op.description : undefined,
        deprecated: op.deprecated === true,
        params,
        body,
        success,
        idempotent: IDEMPOTENT_METHODS.has(method) || op["x-modelfleet-idempotent"] === true,
      });
    }
  }
  return { operations, methodNames };
}

function readParams(doc: Record<string, unknown>, itemParams: unknown, opParams: unknown): ParamModel[] {
  const byKey = new Map<string, ParamModel>();
  for (const list of [itemParams, opParams]) {
    if (!Array.isArray(list)) continue;
    for (const raw of list) {
      const p = resolve(doc, raw);
      if (!isRecord(p) || typeof p.name !== "string") continue;
      if (p.in !== "path" && p.in !== "query" && p.in !== "header") continue; // cookies are not sent by the client
      byKey.set(`${p.in}:${p.name}`, { name: p.name, in: p.in, required: p.in === "path" || p.required === true });
    }
  }
  return [...byKey.values()];
}

function readBody(doc: Record<string, unknown>, raw: unknown): OperationModel["body"] {
  const body = resolve(doc, raw);
  if (!isRecord(body) || !isRecord(body.content)) return undefined;
  const mediaTypes = Object.keys(body.content);
  const mediaType = mediaTypes.find(isJsonMediaType) ?? mediaTypes[0];
  return mediaType ? { required: body.required === true, mediaType } : undefined;
}

function collectSensitiveKeys(doc: Record<string, unknown>): Set<string> {
  const keys = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const child of node) visit(child);
      return;
    }
    if (!isRecord(node)) return;
    if (isRecord(node.properties)) {
      for (const [key, prop] of Object.entries(node.properties)) {
        if (isRecord(prop) && prop["x-modelfleet-sensitive"] === true) keys.add(key);
      }
    }
    for (const child of Object.values(node)) visit(child);
  };
  visit(doc);
  return keys;
}

/** Follows local `$ref`s (`#/components/...`); the spec was already checked for dangling ones. */
function resolve(doc: Record<string, unknown>, node: unknown, depth = 0): unknown {
  if (!isRecord(node) || typeof node.$ref !== "string" || depth > 32) return node;
  if (!node.$ref.startsWith("#/")) return node;
  let target: unknown = doc;
  for (const segment of node.$ref.slice(2).split("/")) {
    const key = decodeURIComponent(segment).replace(/~1/g, "/").replace(/~0/g, "~");
    target = isRecord(target) ? target[key] : undefined;
  }
  return resolve(doc, target, depth + 1);
}

function isJsonMediaType(mediaType: string): boolean {
  return /^application\/(.+\+)?json\b/i.test(mediaType);
}

export { camelCase, pascalCase };
