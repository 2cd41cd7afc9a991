import { camelCase, type OperationModel, type ProviderModel } from "../model.js";

/** `client.ts`: per-operation parameter and result types, the client interface and its factory. */
export function emitClient(model: ProviderModel): string {
  const N = model.name;
  const providerConst = `${camelCase(model.id)}Provider`;
  const paged = model.operations.some((op) => op.pagination);
  const out: string[] = [
    paged
      ? 'import { type ClientOptions, type Page, type PaginateOptions, type RawClient, type RequestOptions, createClientCore, paginateItems, paginatePages } from "@modelfleet/runtime";'
      : 'import { type ClientOptions, type RawClient, type RequestOptions, createClientCore } from "@modelfleet/runtime";',
    `import { ${providerConst} } from "./provider.js";`,
    'import type { operations, paths } from "./schema.js";',
    "",
  ];

  for (const op of model.operations) {
    const paramsType = paramsTypeOf(op);
    if (paramsType) {
      out.push(`/** Parameters of {@link ${N}Client.${op.methodName}}. */`);
      out.push(`export type ${N}${op.typeName}Params = ${paramsType};`);
    }
    out.push(`/** What {@link ${N}Client.${op.methodName}} resolves to. */`);
    out.push(`export type ${N}${op.typeName}Result = ${resultTypeOf(op)};`);
    if (op.pagination) {
      out.push(`/** One item of {@link ${N}Client.${op.methodName}}'s pages, as {@link ${N}Client.${op.methodName}All} yields them. */`);
      out.push(`export type ${N}${op.typeName}Item = ${itemTypeOf(op)};`);
    }
  }

  out.push("");
  out.push(`/** Options of {@link create${N}Client}. */`);
  out.push(`export interface ${N}ClientOptions extends ClientOptions {}`);
  out.push("");
  out.push(`/** A typed client for the ${model.title}, one method per operation of its spec. */`);
  out.push(`export interface ${N}Client {`);
  out.push(
    "  /** The underlying openapi-fetch client, with the same auth, retries and timeouts, for anything the methods do not cover. */",
  );
  out.push("  readonly raw: RawClient<paths>;");
  for (const op of model.operations) {
    out.push(docComment(op, "  "));
    const paramsType = paramsTypeOf(op);
    const optional = !requiresParams(op);
    const params = paramsType ? `params${optional ? "?" : ""}: ${N}${op.typeName}Params, ` : "params?: undefined, ";
    out.push(`  ${op.methodName}(${params}options?: RequestOptions): Promise<${N}${op.typeName}Result>;`);
    if (op.pagination) out.push(...iteratorMethods(N, op, params));
  }
  out.push("}");
  out.push("");
  out.push(`/**`);
  out.push(
    ` * Creates a client for ${model.displayName}. The API key defaults to the \`${model.envVar}\` environment variable and the base URL to`,
  );
  out.push(` * \`${model.baseUrl}\`; every option is checked here, before any request.`);
  out.push(` */`);
  out.push(`export function create${N}Client(options: ${N}ClientOptions = {}): ${N}Client {`);
  out.push(`  const core = createClientCore<paths>(${providerConst}, options);`);
  // The methods are built from the operations table rather than written out one by one: the same behaviour for
  // fewer bytes in every bundle. The interface above is what types them.
  const renamed = model.operations.filter((op) => op.methodName !== op.operationId);
  if (renamed.length) {
    out.push("  // Methods are named by the camelCased operationId.");
    out.push(`  const methodNames = new Map<string, string>(${JSON.stringify(renamed.map((op) => [op.operationId, op.methodName]))});`);
  }
  out.push("  const client: Record<string, unknown> = { raw: core.raw };");
  out.push(`  for (const [operationId, operation] of Object.entries(${providerConst}.operations)) {`);
  out.push(
    `    ${paged ? "const name = " : "client["}${renamed.length ? "methodNames.get(operationId) ?? operationId" : "operationId"}${paged ? ";" : "] = (params?: unknown, options?: RequestOptions) => core.call(operation, params, options);"}`,
  );
  if (paged) {
    out.push("    client[name] = (params?: unknown, options?: RequestOptions) => core.call(operation, params, options);");
    out.push('    if (!("pagination" in operation)) continue;');
    out.push(
      `    client[\`\${name}Pages\`] = (params?: unknown, options?: PaginateOptions) => paginatePages(core, operation, params, options);`,
    );
    out.push(
      `    client[\`\${name}All\`] = (params?: unknown, options?: PaginateOptions) => paginateItems(core, operation, params, options);`,
    );
  }
  out.push("  }");
  out.push(`  return client as unknown as ${N}Client;`);
  out.push("}");
  out.push("");
  return out.join("\n");
}

/** What a success body that is not JSON resolves to (see tools/codegen/README.md, "Bodies that are not JSON"). */
const READ_AS_TYPES = { text: "string", blob: "Blob", stream: "ReadableStream<Uint8Array>" } as const;

function opRef(op: OperationModel): string {
  return `operations[${JSON.stringify(op.operationId)}]`;
}

/** The method's single argument: path, query and header parameters side by side, plus `body`. */
function paramsTypeOf(op: OperationModel): string | undefined {
  const parts: string[] = [];
  for (const where of ["path", "query", "header"] as const) {
    const params = op.params.filter((p) => p.in === where);
    if (params.length === 0) continue;
    const anyRequired = params.some((p) => p.required);
    const location = `${opRef(op)}["parameters"][${JSON.stringify(where)}]`;
    parts.push(anyRequired ? location : `NonNullable<${location}>`);
  }
  if (op.body) {
    const content = `NonNullable<${opRef(op)}["requestBody"]>["content"][${JSON.stringify(op.body.mediaType)}]`;
    parts.push(`{ body${op.body.required ? "" : "?"}: ${content} }`);
  }
  return parts.length ? parts.join(" & ") : undefined;
}

function requiresParams(op: OperationModel): boolean {
  return op.params.some((p) => p.required) || op.body?.required === true;
}

function resultTypeOf(op: OperationModel): string {
  const types = op.success.map(({ status, mediaType, readAs }) => {
    if (!mediaType) return "void";
    if (readAs && readAs !== "json") return READ_AS_TYPES[readAs];
    const key = /^\d+$/.test(status) ? status : JSON.stringify(status);
    return `${opRef(op)}["responses"][${key}]["content"][${JSON.stringify(mediaType)}]`;
  });
  return [...new Set(types)].join(" | ") || "void";
}

/** The JSON body of the page: the first 2xx response with one. */
function pageBodyTypeOf(op: OperationModel): string {
  const success = op.success.find((s) => s.mediaType && (!s.readAs || s.readAs === "json"));
  if (!success?.mediaType) return "never";
  const key = /^\d+$/.test(success.status) ? success.status : JSON.stringify(success.status);
  return `${opRef(op)}["responses"][${key}]["content"][${JSON.stringify(success.mediaType)}]`;
}

/** The item type: the page body followed along the `items` pointer, then one element of that array. */
function itemTypeOf(op: OperationModel): string {
  let type = pageBodyTypeOf(op);
  const pointer = op.pagination?.items ?? "";
  for (const raw of pointer === "" ? [] : pointer.slice(1).split("/")) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    type = /^\d+$/.test(key) ? `NonNullable<${type}>[number]` : `NonNullable<${type}>[${JSON.stringify(key)}]`;
  }
  return `NonNullable<${type}>[number]`;
}

const STYLE_DOC = {
  offset: "offset/limit",
  page: "page number and size",
  cursor: "a cursor from each page",
  "next-url": "the next URL each page names",
} as const;

/** The `<method>Pages` and `<method>All` members of the client interface, with their TSDoc. */
function iteratorMethods(N: string, op: OperationModel, params: string): string[] {
  const p = op.pagination;
  if (!p) return [];
  const T = `${N}${op.typeName}`;
  const how = `Pages with ${STYLE_DOC[p.style]}${p.style === "page" && p.next === "link-header" ? ' while the `Link` header has `rel="next"`' : ""}${p.style === "next-url" && p.next === "link-header" ? ' (the `Link` header\'s `rel="next"`)' : ""}.`;
  const common = [
    `   * ${how} A page is requested only when the loop asks for it (\`prefetch: true\` requests one ahead), each one`,
    "   * with the client's auth, retries and timeouts and `options.signal`; leaving the loop early sends nothing more.",
    "   * A server that would loop (a repeated page or cursor, a next page announced past `options.maxPages`, default",
    "   * 1000) or a next URL leaving the client's base URL ends it with a `PaginationError`.",
    "   *",
    `   * \`${op.method} ${op.path}\``,
    "   */",
  ];
  return [
    "  /**",
    `   * Iterates the pages of {@link ${N}Client.${op.methodName}}, each with its items, parsed body and response.`,
    "   *",
    ...common,
    `  ${op.methodName}Pages(${params}options?: PaginateOptions): AsyncGenerator<Page<${T}Result, ${T}Item>, void, undefined>;`,
    "  /**",
    `   * Iterates the items of every page of {@link ${N}Client.${op.methodName}}, in order.`,
    "   *",
    ...common,
    `  ${op.methodName}All(${params}options?: PaginateOptions): AsyncGenerator<${T}Item, void, undefined>;`,
  ];
}

function docComment(op: OperationModel, indent: string): string {
  const lines: string[] = [];
  if (op.summary) lines.push(op.summary.trim());
  if (op.description && op.description.trim() !== op.summary?.trim()) {
    if (lines.length) lines.push("");
    lines.push(...op.description.trim().split("\n"));
  }
  if (lines.length) lines.push("");
  lines.push(
    `\`${op.method} ${op.path}\`${op.idempotent && !["GET", "HEAD", "OPTIONS"].includes(op.method) ? " (retried: idempotent)" : ""}`,
  );
  if (op.deprecated) lines.push("@deprecated");
  const body = lines.map((l) => `${indent} *${l ? ` ${l.replace(/\*\//g, "*\\/")}` : ""}`).join("\n");
  return `${indent}/**\n${body}\n${indent} */`;
}
