import type { OpenApiDocument, RequestBodyObject } from "../../openapi/document.js";
import { isRecord } from "../../openapi/json.js";
import { isJsonMediaType } from "../../openapi/media-types.js";
import { nodeAtPointer } from "../../openapi/pointer.js";
import { deref } from "../../openapi/resolve.js";
import type { ProviderModel } from "../model.js";
import { exampleOf, sampleOf } from "../sample-value.js";

/**
 * The smoke test of a types-only package (webhooks, no client): the package exports nothing at run time, and each
 * webhook's example payload (or one derived from its schema) is typed with its exported payload type, which
 * `npm run typecheck` checks.
 */
export function emitPayloadTest(doc: OpenApiDocument, model: ProviderModel): string {
  const typed = model.webhooks.filter((hook) => hook.mediaType !== undefined);
  const types = typed.map((hook) => `${model.name}${hook.typeName}`);
  const out = [
    'import { describe, expect, it } from "vitest";',
    ...(types.length ? [`import type { ${types.join(", ")} } from "./index.js";`] : []),
    'import * as generated from "./index.js";',
    "",
    `describe(${JSON.stringify(`${model.displayName} webhook payload types (generated from the document's examples)`)}, () => {`,
    '  it("exports types only: the document declares no operation, so there is no client", () => {',
    "    expect(Object.keys(generated)).toEqual([]);",
    "  });",
  ];
  for (const hook of typed) {
    const operation = nodeAtPointer(doc, hook.pointer);
    const body = deref<RequestBodyObject>(doc, isRecord(operation) ? operation.requestBody : undefined);
    const media = isRecord(body) && isRecord(body.content) ? body.content[hook.mediaType as string] : undefined;
    const sample = exampleOf(doc, media, true) ?? (isRecord(media) ? sampleOf(doc, media.schema, true) : {});
    out.push(
      "",
      `  it(${JSON.stringify(`${hook.name}: ${hook.method.toUpperCase()} payload`)}, () => {`,
      "    // Typed with the exported payload type: `npm run typecheck` checks the example against it.",
      `    const payload: ${model.name}${hook.typeName} = ${JSON.stringify(sample, null, 2).replace(/\n/g, "\n    ")};`,
      isJsonMediaType(hook.mediaType as string)
        ? "    expect(JSON.parse(JSON.stringify(payload))).toEqual(payload);"
        : "    expect(payload).toBeDefined();",
      "  });",
    );
  }
  out.push("});", "");
  return out.join("\n");
}
