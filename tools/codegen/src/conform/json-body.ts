import type { MediaTypeObject } from "../openapi/document.js";
import { isRecord } from "../openapi/json.js";
import { isJsonMediaType } from "../openapi/media-types.js";
import { pointerOf, pointerSegments } from "../openapi/pointer.js";
import type { At } from "./schema-view.js";

/** The schema of the first JSON media type of a `content` map found at `pointer`, or `undefined` when there is none. */
export function jsonSchemaOf(content: unknown, pointer: string): At | undefined {
  if (!isRecord(content)) return undefined;
  for (const [mediaType, media] of Object.entries(content)) {
    if (!isJsonMediaType(mediaType) || !isRecord(media)) continue;
    const schema = (media as MediaTypeObject).schema;
    if (schema !== undefined) return { node: schema, pointer: pointerOf(...pointerSegments(pointer), mediaType, "schema") };
  }
  return undefined;
}
