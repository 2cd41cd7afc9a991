import type { OpenApiDocument, RequestBodyObject, ResponseObject } from "../../openapi/document.js";
import { isRecord } from "../../openapi/json.js";
import { type OperationEntry, walkOperations } from "../../openapi/operations.js";
import { deref } from "../../openapi/resolve.js";
import type { OperationModel, ProviderModel } from "../model.js";
import { BLOB_SAMPLE, exampleOf, sampleOf } from "../sample-value.js";
import { emitPayloadTest } from "./payload-test.js";

const API_KEY = "smoke-test-key";

/**
 * `smoke.test.ts`: one test per operation that calls the generated method with the spec's own examples against an
 * injected `fetch`, and checks the method, URL, auth header and body sent and the result returned. It is generated
 * (not scaffolded) because it is derived from the spec alone and must follow it: a new operation gets its test on
 * the next `generate`. It also type-checks every request example against the generated types.
 */
export function emitSmokeTest(doc: OpenApiDocument, model: ProviderModel): string {
  if (model.typesOnly) return emitPayloadTest(doc, model);
  const entries = new Map(walkOperations(doc).map((entry) => [entry.pointer, entry]));
  const N = model.name;
  const out: string[] = [
    'import { describe, expect, it } from "vitest";',
    `import { create${N}Client } from "./client.js";`,
    "",
    `const API_KEY = ${JSON.stringify(API_KEY)};`,
    "",
    "/** A `fetch` that answers every request with one canned response and keeps a copy of each request. */",
    "function cannedFetch(status: number, body: unknown) {",
    "  const requests: Request[] = [];",
    "  const fetch = async (request: Request): Promise<Response> => {",
    "    requests.push(request.clone());",
    '    if (body === undefined) return new Response(null, { status, headers: { "content-length": "0" } });',
    '    return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });',
    "  };",
    "  return { fetch, requests };",
    "}",
    "",
    ...(model.operations.some((op) => rawReply(op)) ? RAW_FETCH : []),
    ...(model.operations.some((op) => op.body?.encoding === "multipart") ? MULTIPART_PARTS : []),
    `describe(${JSON.stringify(`${model.displayName} client smoke test (generated from the spec's examples)`)}, () => {`,
  ];
  for (const op of model.operations) out.push(...emitCase(doc, model, op, entries.get(op.pointer) as OperationEntry));
  out.push("});", "");
  return out.join("\n");
}

/** Emitted only for a spec with a success body that is not JSON, so JSON-only packages keep their test as it was. */
const RAW_FETCH = [
  "/** A `fetch` that answers with a body of another media type than JSON, as text. */",
  "function cannedRawFetch(status: number, body: string, contentType: string) {",
  "  const requests: Request[] = [];",
  "  const fetch = async (request: Request): Promise<Response> => {",
  "    requests.push(request.clone());",
  '    return new Response(body, { status, headers: { "content-type": contentType } });',
  "  };",
  "  return { fetch, requests };",
  "}",
  "",
];

/** Emitted only for a spec with a multipart body: the parts a request carried, read back from its bytes. */
const MULTIPART_PARTS = [
  "/** Each part of a multipart request, in order: its name, whether it is a file, and its content as text. */",
  'async function multipartParts(request: Request): Promise<Array<[string, "file" | "text", string]>> {',
  '  const parts: Array<[string, "file" | "text", string]> = [];',
  "  for (const [name, value] of (await request.formData()).entries()) {",
  '    parts.push(typeof value === "string" ? [name, "text", value] : [name, "file", await value.text()]);',
  "  }",
  "  return parts;",
  "}",
  "",
];

/** What a success body that is not JSON is answered with in the test, and read back as. */
const RAW_REPLY = "sample body from the smoke test";

function rawReply(op: OperationModel): { mediaType: string; readAs: "text" | "blob" | "stream"; status: string } | undefined {
  const success = op.success.find((s) => s.status === "200") ?? op.success[0];
  if (!success?.mediaType || !success.readAs || success.readAs === "json") return undefined;
  return { mediaType: success.mediaType, readAs: success.readAs, status: success.status };
}

function emitCase(doc: OpenApiDocument, model: ProviderModel, op: OperationModel, entry: OperationEntry): string[] {
  const operation = entry.operation;
  const declared = entry.parameters.map((p) => p.parameter);

  const params: Record<string, unknown> = {};
  const pathValues: Record<string, unknown> = {};
  const queryNames: string[] = [];
  const headerNames: string[] = [];
  for (const p of op.params) {
    const spec = declared.find((d) => isRecord(d) && d.name === p.name && d.in === p.in);
    const example = exampleOf(doc, spec, model.checkExamples);
    if (example === undefined && !p.required) continue;
    const value = example ?? (isRecord(spec) ? sampleOf(doc, spec.schema, model.checkExamples) : "string");
    params[p.name] = value;
    if (p.in === "path") pathValues[p.name] = value;
    else if (p.in === "query") queryNames.push(p.name);
    else headerNames.push(p.name);
  }
  let body: unknown;
  if (op.body) {
    const requestBody = deref<RequestBodyObject>(doc, operation.requestBody);
    const media = isRecord(requestBody) && isRecord(requestBody.content) ? requestBody.content[op.body.mediaType] : undefined;
    body = exampleOf(doc, media, model.checkExamples) ?? (isRecord(media) ? sampleOf(doc, media.schema, model.checkExamples) : {});
    params.body = body;
  }

  const success = op.success.find((s) => s.status === "200") ?? op.success[0];
  const status = success && /^\d+$/.test(success.status) ? Number(success.status) : 200;
  let reply: unknown;
  if (success?.mediaType) {
    const responses = isRecord(operation.responses) ? operation.responses : {};
    const response = deref<ResponseObject>(doc, responses[success.status]);
    const media = isRecord(response) && isRecord(response.content) ? response.content[success.mediaType] : undefined;
    reply = exampleOf(doc, media, model.checkExamples) ?? (isRecord(media) ? sampleOf(doc, media.schema, model.checkExamples) : {});
  }

  const raw = rawReply(op);
  const url = `${model.baseUrl}${op.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(String(pathValues[name])))}`;
  const hasParams = Object.keys(params).length > 0;
  const lines = [
    `  it(${JSON.stringify(`${op.methodName}: ${op.method} ${op.path}`)}, async () => {`,
    ...(raw
      ? [
          `    const reply = ${JSON.stringify(RAW_REPLY)};`,
          `    const { fetch, requests } = cannedRawFetch(${status}, reply, ${JSON.stringify(raw.mediaType)});`,
        ]
      : [
          `    const reply = ${reply === undefined || status === 204 ? "undefined" : indent(reply)};`,
          `    const { fetch, requests } = cannedFetch(${status}, reply);`,
        ]),
    `    const client = create${model.name}Client({ apiKey: API_KEY, fetch, maxRetries: 0 });`,
    `    const result = await client.${op.methodName}(${hasParams ? indent(params) : ""});`,
    "    expect(requests).toHaveLength(1);",
    "    const request = requests[0] as Request;",
    `    expect(request.method).toBe(${JSON.stringify(op.method)});`,
    `    expect(request.url.split("?")[0]).toBe(${JSON.stringify(url)});`,
    `    expect(request.headers.get(${JSON.stringify(model.auth.header)})).toBe(${JSON.stringify(model.auth.prefix)} + API_KEY);`,
  ];
  if (queryNames.length) {
    lines.push("    const query = new URL(request.url).searchParams;");
    for (const name of queryNames) lines.push(`    expect(query.has(${JSON.stringify(name)})).toBe(true);`);
  }
  for (const name of headerNames) lines.push(`    expect(request.headers.get(${JSON.stringify(name)})).not.toBeNull();`);
  if (op.body?.encoding === "json") lines.push(`    expect(await request.json()).toEqual(${indent(body)});`);
  if (op.body?.encoding === "form") {
    lines.push('    expect(request.headers.get("content-type")).toBe("application/x-www-form-urlencoded");');
    lines.push(`    expect(await request.text()).toBe(${JSON.stringify(formText(body))});`);
  }
  if (op.body?.encoding === "multipart") {
    lines.push('    expect(request.headers.get("content-type")).toMatch(/^multipart\\/form-data; boundary=/);');
    lines.push(`    expect(await multipartParts(request)).toEqual(${indent(multipartOf(body))});`);
  }
  if (raw?.readAs === "blob") {
    lines.push("    expect(result).toBeInstanceOf(Blob);", "    expect(await (result as Blob).text()).toBe(reply);");
  } else if (raw?.readAs === "text") {
    lines.push("    expect(result).toBe(reply);");
  } else if (raw?.readAs === "stream") {
    lines.push("    expect(await new Response(result as ReadableStream<Uint8Array>).text()).toBe(reply);");
  } else {
    lines.push(reply === undefined || status === 204 ? "    expect(result).toBeUndefined();" : "    expect(result).toEqual(reply);");
  }
  lines.push("  });", "");
  return lines;
}

/** A JSON value as a TypeScript literal, indented to sit inside a test; a file sample becomes a Blob. */
function indent(value: unknown): string {
  return JSON.stringify(value, null, 2)
    .replace(/\n/g, "\n    ")
    .replaceAll(JSON.stringify(BLOB_SAMPLE), `new Blob([${JSON.stringify(RAW_REPLY)}])`);
}

/** A multipart body's parts as the runtime sends them: one per field, one per item of an array, a file per Blob. */
function multipartOf(body: unknown): Array<[string, "file" | "text", string]> {
  const parts: Array<[string, "file" | "text", string]> = [];
  for (const [name, value] of Object.entries(isRecord(body) ? body : {})) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item === undefined) continue;
      if (item === BLOB_SAMPLE) parts.push([name, "file", RAW_REPLY]);
      else parts.push([name, "text", typeof item === "string" ? item : JSON.stringify(item)]);
    }
  }
  return parts;
}

/** A form body as the runtime encodes it: repeated fields for arrays, JSON text for anything but a string. */
function formText(body: unknown): string {
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(isRecord(body) ? body : {})) {
    for (const item of Array.isArray(value) ? value : [value]) form.append(name, typeof item === "string" ? item : JSON.stringify(item));
  }
  return form.toString();
}
