import { pascalCase } from "../names.js";
import type { OpenApiDocument, PathItemObject, RequestBodyObject } from "../openapi/document.js";
import { isRecord } from "../openapi/json.js";
import { isJsonMediaType } from "../openapi/media-types.js";
import { HTTP_METHODS, walkOperations } from "../openapi/operations.js";
import { pointerOf } from "../openapi/pointer.js";
import { deref } from "../openapi/resolve.js";

/** A webhook of a types-only package: the request the vendor sends, whose body gets an exported payload type. */
export interface WebhookModel {
  /** The key under `webhooks` (`jobFinished`). */
  name: string;
  method: string;
  /** `#/webhooks/<name>/<method>`. */
  pointer: string;
  summary?: string;
  /** The payload's type name without the provider prefix (`JobFinishedPayload`). */
  typeName: string;
  /** The media type the payload type is read from (JSON preferred), or undefined when the request has no body. */
  mediaType?: string;
}

/**
 * Whether a document describes only what its vendor sends (OpenAPI 3.1 `webhooks`) and no operation to call: it
 * imports as a package of payload types, with no client.
 */
export function isWebhookOnly(doc: OpenApiDocument): boolean {
  return isRecord(doc.webhooks) && Object.keys(doc.webhooks).length > 0 && walkOperations(doc).length === 0;
}

/** Every webhook request, in document order, with the type name its payload is exported under. */
export function readWebhooks(doc: OpenApiDocument): WebhookModel[] {
  const webhooks = isRecord(doc.webhooks) ? doc.webhooks : {};
  const out: WebhookModel[] = [];
  const taken = new Set<string>();
  for (const [name, raw] of Object.entries(webhooks)) {
    const item = deref<PathItemObject>(doc, raw);
    if (!isRecord(item)) continue;
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!isRecord(operation)) continue;
      const body = deref<RequestBodyObject>(doc, operation.requestBody);
      const mediaTypes = isRecord(body) && isRecord(body.content) ? Object.keys(body.content) : [];
      // One type per webhook and method; a webhook sent with two methods numbers the second.
      let typeName = `${pascalCase(name)}Payload`;
      for (let n = 2; taken.has(typeName); n++) typeName = `${pascalCase(name)}Payload${n}`;
      taken.add(typeName);
      out.push({
        name,
        method,
        pointer: pointerOf("webhooks", name, method),
        summary: typeof operation.summary === "string" ? operation.summary : undefined,
        typeName,
        mediaType: mediaTypes.find(isJsonMediaType) ?? mediaTypes[0],
      });
    }
  }
  return out;
}
