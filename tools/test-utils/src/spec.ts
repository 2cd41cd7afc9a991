import { readFileSync } from "node:fs";
import { isRecord, type OpenApiDocument, resolveRef, walkOperations } from "@modelfleet/codegen/openapi";
import { bundleFileRefs } from "@modelfleet/mock-server";
import { Ajv2020, type ErrorObject } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { parse } from "yaml";

type Json = Record<string, unknown>;

/** One operation of a spec, with path-item parameters merged into its own. */
export interface SpecOperation {
  operationId: string;
  method: string;
  path: string;
  /** Path, query and header parameters, resolved; an operation's own entry wins over the path item's. */
  parameters: Json[];
  /** The operation object as written (references not resolved). */
  operation: Json;
}

/** A parsed spec with its operations and a resolver for local `$ref`s. */
export interface LoadedSpec {
  file: string;
  document: OpenApiDocument;
  operations: SpecOperation[];
  /** Follows local `$ref`s (`#/components/...`) until a non-reference node. */
  resolve(node: unknown): Json;
  /** The operation with this operationId; throws naming the spec when there is none. */
  operation(operationId: string): SpecOperation;
}

/**
 * Reads a YAML or JSON OpenAPI 3.1 document (YAML 1.2, as the code generator reads it), with the files its `$ref`s
 * point at bundled in the way the generator bundles them (the mock server's `bundleFileRefs`, which Prism reads too).
 */
export function loadSpec(file: string): LoadedSpec {
  const document = bundled(file, parse(readFileSync(file, "utf8")) as OpenApiDocument);
  // The generator's own resolver and operation walker (path-item and operation parameters merged the same way).
  const resolve = (node: unknown): Json => {
    const { node: target, pointer } = resolveRef<Json>(document, node);
    if (isRecord(node) && typeof node.$ref === "string" && target === undefined) throw new Error(`${file}: ${pointer} does not resolve`);
    if (!isRecord(target)) throw new Error(`${file}: expected an object, got ${JSON.stringify(target)}`);
    return target;
  };
  const operations: SpecOperation[] = walkOperations(document).map((entry) => ({
    operationId: String(entry.operation.operationId),
    method: entry.method.toUpperCase(),
    path: entry.path,
    parameters: entry.parameters.map((p) => p.parameter as Json),
    operation: entry.operation as Json,
  }));
  return {
    file,
    document,
    operations,
    resolve,
    operation(operationId) {
      const found = operations.find((op) => op.operationId === operationId);
      if (!found) throw new Error(`${file} has no operation ${operationId}`);
      return found;
    },
  };
}

/** One documented success answer of an operation: its status and, when it has a body, the example. */
export interface SuccessExample {
  status: number;
  /** The key under `examples`, or `undefined` for a single `example` or a response without a body. */
  name: string | undefined;
  /** Whether the response has a JSON body; `value` is meaningful only then. */
  hasBody: boolean;
  value: unknown;
}

/** Every 2xx answer of an operation: one entry per example of its JSON body, or one entry for an empty body. */
export function successExamples(spec: LoadedSpec, op: SpecOperation): SuccessExample[] {
  const found: SuccessExample[] = [];
  const responses = (op.operation.responses ?? {}) as Json;
  for (const code of Object.keys(responses).filter((key) => /^2\d\d$/.test(key))) {
    const status = Number(code);
    const response = spec.resolve(responses[code]);
    const media = jsonMedia(spec, response.content);
    if (!media) {
      found.push({ status, name: undefined, hasBody: false, value: undefined });
      continue;
    }
    if ("example" in media) found.push({ status, name: undefined, hasBody: true, value: media.example });
    for (const [name, example] of Object.entries((media.examples ?? {}) as Json)) {
      found.push({ status, name, hasBody: true, value: spec.resolve(example).value });
    }
    if (!found.some((entry) => entry.status === status)) {
      throw new Error(`${spec.file}: ${op.operationId} ${code} has a body but no example to compare the mock's answer with`);
    }
  }
  return found;
}

/**
 * The single argument of a generated client method, built from the spec's own examples: every parameter that
 * has one (path parameters must), plus the request body's example as `body`.
 */
export function exampleParams(spec: LoadedSpec, op: SpecOperation): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const parameter of op.parameters) {
    if (parameter.in === "cookie") continue;
    const value = "example" in parameter ? parameter.example : firstExample(spec, parameter.examples);
    if (value !== undefined) params[String(parameter.name)] = value;
    else if (parameter.in === "path") throw new Error(`${spec.file}: ${op.operationId} path parameter ${parameter.name} has no example`);
  }
  if (op.operation.requestBody !== undefined) {
    const media = jsonMedia(spec, spec.resolve(op.operation.requestBody).content);
    const body = media && ("example" in media ? media.example : firstExample(spec, media.examples));
    if (body === undefined) throw new Error(`${spec.file}: ${op.operationId} request body has no example`);
    params.body = body;
  }
  return params;
}

/** The outcome of {@link validateResponse}: ajv's errors rendered as `path: message` lines. */
export interface ValidationResult {
  valid: boolean;
  errors: string[];
}

/**
 * Checks a value against the JSON schema of one response of one operation (`application/json`), with a
 * standard JSON Schema 2020-12 validator (ajv) and its standard formats. Unknown keywords in the spec's schemas
 * are errors, except the OpenAPI and `x-` extension keywords, so a typo like `requried` fails loudly.
 */
export function validateResponse(spec: LoadedSpec, operationId: string, status: number | string, value: unknown): ValidationResult {
  const op = spec.operation(operationId);
  const responses = (op.operation.responses ?? {}) as Json;
  if (!(String(status) in responses)) throw new Error(`${spec.file}: ${operationId} declares no ${status} response`);
  const media = jsonMedia(spec, spec.resolve(responses[String(status)]).content);
  if (!media || media.schema === undefined) throw new Error(`${spec.file}: ${operationId} ${status} has no JSON schema`);
  const validate = compilerFor(spec)(media.schema);
  const valid = validate(value) as boolean;
  return { valid, errors: valid ? [] : (validate.errors ?? []).map(describeError) };
}

/**
 * Validates `value` against the JSON schema of an operation's request body, like {@link validateResponse}; for
 * the providers' documented request samples.
 */
export function validateRequestBody(spec: LoadedSpec, operationId: string, value: unknown): ValidationResult {
  const op = spec.operation(operationId);
  if (op.operation.requestBody === undefined) throw new Error(`${spec.file}: ${operationId} declares no request body`);
  const media = jsonMedia(spec, spec.resolve(op.operation.requestBody).content);
  if (!media || media.schema === undefined) throw new Error(`${spec.file}: ${operationId} request body has no JSON schema`);
  const validate = compilerFor(spec)(media.schema);
  const valid = validate(value) as boolean;
  return { valid, errors: valid ? [] : (validate.errors ?? []).map(describeError) };
}

const compilers = new WeakMap<LoadedSpec, (schema: unknown) => ReturnType<Ajv2020["compile"]>>();

/** One ajv instance per spec, holding its `components.schemas` under a synthetic id so `$ref`s resolve. */
function compilerFor(spec: LoadedSpec) {
  const cached = compilers.get(spec);
  if (cached) return cached;
  const base = `https://modelfleet.test/specs/${encodeURIComponent(spec.file)}`;
  const components = isRecord(spec.document.components) ? spec.document.components : {};
  const schemas = isRecord(components.schemas) ? components.schemas : {};
  const ajv = new Ajv2020({ strict: true, strictTypes: false, allowUnionTypes: true, allErrors: true });
  addFormats(ajv);
  for (const keyword of ["example", "discriminator", "xml", "externalDocs", ...extensionKeys(spec.document)]) {
    if (!ajv.getKeyword(keyword)) ajv.addKeyword(keyword);
  }
  ajv.addSchema({ $id: base, $defs: rewriteRefs(schemas, base) });
  const compile = (schema: unknown) => ajv.compile(rewriteRefs(schema, base) as Json);
  compilers.set(spec, compile);
  return compile;
}

/** `#/components/schemas/X` becomes `<base>#/$defs/X`; anything else non-local is refused. */
function rewriteRefs(node: unknown, base: string): unknown {
  if (Array.isArray(node)) return node.map((item) => rewriteRefs(item, base));
  if (!isRecord(node)) return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "$ref" && typeof value === "string") {
      if (!value.startsWith("#/components/schemas/")) throw new Error(`unsupported schema $ref ${value}`);
      out[key] = `${base}#/$defs/${value.slice("#/components/schemas/".length)}`;
    } else {
      out[key] = rewriteRefs(value, base);
    }
  }
  return out;
}

function extensionKeys(node: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const item of node) extensionKeys(item, found);
  else if (isRecord(node)) {
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith("x-")) found.add(key);
      extensionKeys(value, found);
    }
  }
  return found;
}

function describeError(error: ErrorObject): string {
  const extra = error.keyword === "additionalProperties" ? ` (${String(error.params.additionalProperty)})` : "";
  return `${error.instancePath || "/"}: ${error.message ?? error.keyword}${extra}`;
}

function jsonMedia(spec: LoadedSpec, content: unknown): Json | undefined {
  if (!isRecord(content)) return undefined;
  const key = Object.keys(content).find((type) => /^application\/(.+\+)?json\b/.test(type));
  return key ? spec.resolve(content[key]) : undefined;
}

function firstExample(spec: LoadedSpec, examples: unknown): unknown {
  if (!isRecord(examples)) return undefined;
  const first = Object.values(examples)[0];
  return first === undefined ? undefined : spec.resolve(first).value;
}

/** The document with its file refs resolved into `components`, or the document itself when it has none. */
function bundled(file: string, document: OpenApiDocument): OpenApiDocument {
  return (bundleFileRefs(file, document)?.document ?? document) as OpenApiDocument;
}
