import { camelCase, type OperationModel, type ProviderModel } from "../model.js";

/** `provider.ts`: the provider descriptor the runtime works from (identity, auth, operations). */
export function emitProvider(model: ProviderModel): string {
  const operations = model.operations.map((op) => {
    const names = (where: string) => op.params.filter((p) => p.in === where).map((p) => p.name);
    const descriptor = {
      operationId: op.operationId,
      method: op.method,
      path: op.path,
      pathParams: names("path"),
      queryParams: names("query"),
      headerParams: names("header"),
      body: op.body ? (op.body.required ? "required" : "optional") : false,
      idempotent: op.idempotent,
      // Only for bodies that are not JSON, so a JSON-only provider's table stays as it was.
      ...(op.body && op.body.encoding !== "json" ? { bodyEncoding: op.body.encoding } : {}),
      ...(responseAs(op) ? { responseAs: responseAs(op) } : {}),
      ...(emptyStatuses(op).length ? { emptyStatuses: emptyStatuses(op) } : {}),
      ...(op.pagination ? { pagination: op.pagination } : {}),
    };
    return `    ${JSON.stringify(op.operationId)}: ${JSON.stringify(descriptor)},`;
  });
  const lines = [
    'import type { ProviderDescriptor } from "@modelfleet/runtime";',
    'import { version } from "../../package.json";',
    "",
    `/** What ${model.packageName} knows about ${model.displayName}, read from its spec. */`,
    `export const ${camelCase(model.id)}Provider = {`,
    `  id: ${JSON.stringify(model.id)},`,
    `  name: ${JSON.stringify(model.displayName)},`,
    `  packageName: ${JSON.stringify(model.packageName)},`,
    "  packageVersion: version,",
    `  envVar: ${JSON.stringify(model.envVar)},`,
    `  baseUrl: ${JSON.stringify(model.baseUrl)},`,
    `  auth: ${JSON.stringify({ header: model.auth.header, prefix: model.auth.prefix })},`,
    `  requestIdHeader: ${model.requestIdHeader === undefined ? "undefined" : JSON.stringify(model.requestIdHeader)},`,
    `  errorMessageKeys: ${model.errorMessageKeys === undefined ? "undefined" : JSON.stringify(model.errorMessageKeys)},`,
    `  sensitiveKeys: ${JSON.stringify(model.sensitiveKeys)},`,
    "  operations: {",
    ...operations,
    "  },",
    "} as const satisfies ProviderDescriptor;",
    "",
  ];
  return lines.join("\n");
}

/** How the runtime reads the operation's success body when it is not JSON (the first 2xx with a body decides). */
export function responseAs(op: OperationModel): "text" | "blob" | "stream" | undefined {
  const readAs = op.success.find((s) => s.readAs)?.readAs;
  return readAs === "json" ? undefined : readAs;
}

/**
 * Success statuses the spec declares without a body (204 and 205 never have one and are left out): the runtime
 * resolves them to `undefined` instead of expecting JSON. Only when there are any, so other tables stay as they were.
 */
export function emptyStatuses(op: OperationModel): number[] {
  return op.success
    .filter((s) => s.mediaType === undefined && /^2\d\d$/.test(s.status) && s.status !== "204" && s.status !== "205")
    .map((s) => Number(s.status));
}
