import type { OperationDescriptor } from "./provider.js";

/** What openapi-fetch is given for an operation whose request body is not JSON. */
export interface BodyEncoding {
  bodySerializer: (body: unknown) => string | FormData;
  /** Set for form bodies only: a multipart body's content type carries a boundary that fetch chooses. */
  headers: Record<string, string>;
}

/** The serializer and content type of a form or multipart body, or `undefined` for JSON. */
export function bodyEncodingOf(operation: OperationDescriptor): BodyEncoding | undefined {
  if (operation.bodyEncoding === "form") {
    return { bodySerializer: formBody, headers: { "Content-Type": "application/x-www-form-urlencoded" } };
  }
  if (operation.bodyEncoding === "multipart") return { bodySerializer: multipartBody, headers: {} };
  return undefined;
}

/** `{a: 1, tags: ["x", "y"]}` becomes `a=1&tags=x&tags=y`; nested objects are sent as JSON text. */
function formBody(body: unknown): string {
  const form = new URLSearchParams();
  for (const [name, value] of fields(body)) form.append(name, typeof value === "string" ? value : JSON.stringify(value));
  return form.toString();
}

/** One part per field (repeated for arrays); a Blob is sent as a file, an object as JSON text. */
function multipartBody(body: unknown): FormData {
  const form = new FormData();
  for (const [name, value] of fields(body)) {
    if (value instanceof Blob) form.append(name, value, value instanceof File ? value.name : name);
    else form.append(name, typeof value === "string" ? value : JSON.stringify(value));
  }
  return form;
}

function fields(body: unknown): Array<[string, unknown]> {
  if (typeof body !== "object" || body === null) return [];
  const out: Array<[string, unknown]> = [];
  for (const [name, value] of Object.entries(body)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) out.push([name, item]);
  }
  return out;
}
