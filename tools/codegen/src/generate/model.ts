import { readAllowList } from "../conform/allow-list.js";
import { readUpstream } from "../conform/upstream.js";
import type { Diagnostic } from "../diagnostics.js";
import { camelCase, pascalCase } from "../names.js";
import type { OpenApiDocument, OperationObject, RequestBodyObject, ResponseObject } from "../openapi/document.js";
import { isRecord, type LoadedSpec } from "../openapi/load.js";
import { type BodyEncoding, bodyEncodingOf, isJsonMediaType, type ReadAs, readAsOf } from "../openapi/media-types.js";
import { type HTTP_METHODS, type OperationEntry, walkOperations } from "../openapi/operations.js";
import { pointerOf } from "../openapi/pointer.js";
import { deref } from "../openapi/resolve.js";
import { DISPLAY_NAME, DISPLAY_NAME_HELP } from "./display-name.js";
import { holdsFile } from "./holds-file.js";
import { type PaginationModel, readPagination } from "./pagination.js";
import { isWebhookOnly, readWebhooks, type WebhookModel } from "./webhooks.js";

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
  /** The request body: its media type (JSON preferred, then form, then multipart) and how it is encoded. */
  body?: { required: boolean; mediaType: string; encoding: BodyEncoding };
  /**
   * 2xx status codes, each with the media type of its body (JSON preferred) and how it is read (none: no body).
   */
  success: Array<{ status: string; mediaType: string | undefined; readAs?: ReadAs }>;
  idempotent: boolean;
  /** How the operation pages (`x-modelfleet-pagination`): it then gets `<method>Pages` and `<method>All` iterators. */
  pagination?: PaginationModel;
}

/** How {@link buildModel} reads a spec. */
export interface ModelOptions {
  /** A vendor's document prepared by `import`: OpenAPI 3.0 accepted, what cannot be named skipped with a warning. */
  imported?: boolean;
}

/** Everything the emitters need about one provider, all of it read from the spec. */
export interface ProviderModel {
  /** Spec file stem (`sieve`), also the package directory name. */
  id: string;
  packageName: string;
  /** PascalCase name used in identifiers (`DeepInfra`, `HuggingFace`). */
  name: string;
  /** How messages name the provider (`Hugging Face`): `x-modelfleet.displayName`, else {@link name}. */
  displayName: string;
  envVar: string;
  title: string;
  description?: string;
  baseUrl: string;
  auth: AuthModel;
  requestIdHeader?: string;
  errorMessageKeys?: string[];
  /** Property names the spec marks `x-modelfleet-sensitive: true`, redacted from logs. */
  sensitiveKeys: string[];
  /** Copy an example into the generated smoke test only if it fits its schema (imported documents). */
  checkExamples: boolean;
  /** A readable alias per component schema that can have one, its name free of clashes with operation types. */
  schemaAliases: Array<{ schemaName: string; alias: string }>;
  operations: OperationModel[];
  /**
   * An imported document of webhooks only (no operation to call): the package exports their payload types and has
   * no client (no `provider.ts`, no `client.ts`).
   */
  typesOnly: boolean;
  /** The webhooks whose payload types a types-only package exports (empty otherwise: a client's are skipped). */
  webhooks: WebhookModel[];
}

/**
 * Reads the provider model out of a spec that passed Redocly's structural checks, collecting every
 * modelfleet-specific problem (missing extension, unsupported auth, name clashes) instead of stopping at the first.
 */
export function buildModel(spec: LoadedSpec, id: string, options: ModelOptions = {}): { model?: ProviderModel; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const report = (code: string, message: string, pointer: string, help: string) =>
    diagnostics.push({ severity: "error", code, message, file: spec.file, pointer, help });
  const warn = (code: string, message: string, pointer: string) =>
    diagnostics.push({ severity: "warning", code, message, file: spec.file, pointer });
  const doc = spec.document;

  const openapi = typeof doc.openapi === "string" ? doc.openapi : "";
  if (options.imported ? !/^3\.[01]\./.test(openapi) : !openapi.startsWith("3.1")) {
    const is30 = openapi.startsWith("3.0");
    report(
      "modelfleet/openapi-version",
      `expected OpenAPI ${options.imported ? "3.0 or 3.1" : "3.1"}, found ${JSON.stringify(doc.openapi ?? null)}`,
      "#/openapi",
      is30
        ? 'this is an OpenAPI 3.0 document: for a spec of ours, set `openapi: 3.1.0` and rewrite 3.0 constructs (`nullable: true` becomes `type: [<type>, "null"]`, boolean `exclusiveMinimum` a number); for a vendor\'s document, use `modelfleet-codegen import` instead'
        : "write `openapi: 3.1.0`; Swagger 2.0 documents must be converted to OpenAPI 3 first",
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
  const displayName = ext?.displayName === undefined ? name : extString("displayName", DISPLAY_NAME, DISPLAY_NAME_HELP);
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

  // Read by `conform` and `sync`; checked here too, so a broken one fails `generate` (and CI) before anyone runs them.
  const upstream = readUpstream(ext?.upstream);
  if (upstream.problem)
    report(
      "modelfleet/invalid-extension",
      `info.x-modelfleet.${upstream.problem}`,
      "#/info/x-modelfleet/upstream",
      "e.g. `upstream: {url: https://api.example.com/openapi.json}`",
    );
  // An imported vendor document is the vendor's own: it has nothing to conform to.
  if (!options.imported)
    for (const problem of readAllowList(doc).problems)
      report(
        "conform/invalid-allow-list",
        problem.message,
        problem.pointer,
        'each entry is {code: conform/<check>, pointer: "#/...", reason: why the difference is deliberate}',
      );

  // Nothing is ever called through a types-only package: it needs no server.
  const typesOnly = options.imported === true && isWebhookOnly(doc);
  const servers = Array.isArray(doc.servers) ? doc.servers : [];
  const baseUrl = isRecord(servers[0]) && typeof servers[0].url === "string" ? servers[0].url : "";
  if (typesOnly) {
    // Nothing to check: no request is ever sent.
  } else if (/^http:\/\//.test(baseUrl) && !isLoopback(baseUrl)) {
    report(
      "modelfleet/insecure-server",
      `servers[0].url ${JSON.stringify(baseUrl)} uses http: the runtime refuses it (http only on loopback), so the client could never call it`,
      "#/servers/0/url",
      "use the provider's https URL",
    );
  } else if (!/^https?:\/\/[^{}]+$/.test(baseUrl)) {
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
  if (operations.length === 0 && !typesOnly && !diagnostics.some((d) => d.code === "modelfleet/operation-id")) {
    report(
      "modelfleet/no-operations",
      "the spec declares no operations, so the client would have no methods",
      "#/paths",
      "add the provider's operations under `paths`",
    );
  }
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
  const webhooks = typesOnly ? readWebhooks(doc) : [];
  const operationTypes = new Set([
    "Client",
    "ClientOptions",
    ...webhooks.map((w) => w.typeName),
    ...operations.flatMap((op) => [`${op.typeName}Params`, `${op.typeName}Result`, ...(op.pagination ? [`${op.typeName}Item`] : [])]),
  ]);
  const schemaAliases: ProviderModel["schemaAliases"] = [];
  for (const schemaName of Object.keys(schemas)) {
    const pointer = pointerOf("components", "schemas", schemaName);
    const stem = pascalCase(schemaName);
    if (!/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(stem)) {
      if (options.imported)
        warn("import/schema-name", `schema ${JSON.stringify(schemaName)} gets no alias: its name is not an identifier`, pointer);
      else
        report(
          "modelfleet/schema-name",
          `schema name ${JSON.stringify(schemaName)} cannot become a TypeScript identifier`,
          pointer,
          "use a PascalCase name of letters and digits",
        );
      continue;
    }
    // An alias may not take the name of an operation's Params/Result type or of another alias (`model-info` and
    // `ModelInfo`): the later one, in document order, gets a `Schema` suffix and then a number.
    let alias = stem;
    for (let n = 1; operationTypes.has(alias) || schemaAliases.some((a) => a.alias === alias); n++)
      alias = `${stem}Schema${n > 1 ? n : ""}`;
    schemaAliases.push({ schemaName, alias });
  }

  if (diagnostics.some((d) => d.severity === "error") || !auth) return { diagnostics };
  return {
    diagnostics,
    model: {
      id,
      packageName,
      name,
      displayName,
      envVar,
      title: typeof info.title === "string" ? info.title : name,
      description: typeof info.description === "string" ? info.description : undefined,
      baseUrl: baseUrl.replace(/\/+$/, ""),
      auth,
      requestIdHeader,
      errorMessageKeys,
      sensitiveKeys: [...collectSensitiveKeys(doc)].sort(),
      schemaAliases,
      checkExamples: options.imported === true,
      operations,
      typesOnly,
      webhooks,
    },
  };
}

type Report = (code: string, message: string, pointer: string, help: string) => void;

function readAuth(doc: OpenApiDocument, report: Report): AuthModel | undefined {
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

function readOperations(doc: OpenApiDocument, report: Report) {
  const operations: OperationModel[] = [];
  const methodNames = new Map<string, string[]>();
  for (const entry of walkOperations(doc)) {
    const { operation: op, pointer, path, method } = entry;
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
    const params = readParams(entry);
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
    const body = readBody(doc, op.requestBody, pointer, report);
    if (body && (method === "get" || method === "head")) {
      report(
        "modelfleet/body-not-allowed",
        `${method.toUpperCase()} ${path} declares a request body, which fetch cannot send with ${method.toUpperCase()}`,
        `${pointer}/requestBody`,
        "move the fields to query parameters, or use POST",
      );
    }
    const pagination = readPagination(doc, entry, report) || undefined;
    if (pagination) {
      // The iterators are methods too: an operation already named like one is a clash.
      for (const iterator of [`${methodName}Pages`, `${methodName}All`])
        methodNames.set(iterator, [...(methodNames.get(iterator) ?? []), operationId]);
    }
    const success = successResponses(doc, op);
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
      ...(pagination ? { pagination } : {}),
    });
  }
  return { operations, methodNames };
}

/** 2xx status codes of an operation, each with the JSON media type of its body (none: no JSON body). */
export function successResponses(doc: OpenApiDocument, op: OperationObject): OperationModel["success"] {
  const responses = isRecord(op.responses) ? op.responses : {};
  return Object.keys(responses)
    .filter((status) => /^2(\d\d|XX)$/.test(status))
    .sort()
    .map((status) => {
      const response = deref<ResponseObject>(doc, responses[status]);
      const content = isRecord(response) && isRecord(response.content) ? response.content : {};
      const mediaType = Object.keys(content).find(isJsonMediaType) ?? Object.keys(content)[0];
      return mediaType ? { status, mediaType, readAs: readAsOf(mediaType) } : { status, mediaType: undefined };
    });
}

function readParams(entry: OperationEntry): ParamModel[] {
  const params: ParamModel[] = [];
  for (const { parameter: p } of entry.parameters) {
    if (p.in !== "path" && p.in !== "query" && p.in !== "header") continue; // cookies are not sent by the client
    params.push({ name: p.name, in: p.in, required: p.in === "path" || p.required === true });
  }
  return params;
}

function readBody(doc: OpenApiDocument, raw: unknown, pointer: string, report: Report): OperationModel["body"] {
  const body = deref<RequestBodyObject>(doc, raw);
  if (!isRecord(body) || !isRecord(body.content)) return undefined;
  const mediaTypes = Object.keys(body.content);
  const ranked = (["json", "form", "multipart"] as const).map((e) => mediaTypes.find((m) => bodyEncodingOf(m) === e));
  const [json, , multipart] = ranked;
  // A file cannot travel in JSON: a body offering both, whose JSON schema holds one, is sent as multipart parts.
  const jsonHoldsFile = json !== undefined && multipart !== undefined && holdsFile(doc, mediaSchema(body.content[json]));
  const mediaType = jsonHoldsFile ? multipart : ranked.find((m) => m !== undefined);
  if (!mediaType) {
    if (mediaTypes.length)
      report(
        "modelfleet/body-media-type",
        `request body media type ${mediaTypes.join(", ")} cannot be sent (supported: JSON, application/x-www-form-urlencoded, multipart/form-data)`,
        `${pointer}/requestBody`,
        "describe the body as JSON, form fields or multipart parts",
      );
    return undefined;
  }
  return { required: body.required === true, mediaType, encoding: bodyEncodingOf(mediaType) as BodyEncoding };
}

function mediaSchema(media: unknown): unknown {
  return isRecord(media) ? media.schema : undefined;
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

export { camelCase, pascalCase };

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

function isLoopback(url: string): boolean {
  try {
    return LOOPBACK.test(new URL(url).hostname);
  } catch {
    return false;
  }
}
