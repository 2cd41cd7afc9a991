import type { OperationDescriptor } from "./provider.js";

/** What openapi-fetch is given for an operation whose request body is not JSON. */
export interface BodyEncoding {
  bodySerializer: (body: unknown) => string | FormData;
  /** Set for form bodies only: a multipart body's content type carries a boundary that fetch chooses. */
  headers: Record<string, string>;
}

/**
 * The serializer and content type of a form or multipart body, or `undefined` for JSON. One field per property,
 * repeated for arrays; a Blob is a file part (multipart), a string is sent as it is, anything else as JSON text.
 */
export function bodyEncodingOf(operation: OperationDescriptor): BodyEncoding | undefined {
  const multipart = operation.bodyEncoding === "multipart";
  if (!operation.bodyEncoding) return undefined;
  return {
    bodySerializer: (body) => {
      const form = multipart ? new FormData() : new URLSearchParams();
      for (const [name, value] of Object.entries(body ?? {})) {
        for (const item of [value].flat()) {
          if (item !== undefined)
            (form as FormData).append(name, item instanceof Blob || typeof item === "string" ? item : JSON.stringify(item));
        }
      }
      return multipart ? (form as FormData) : form.toString();
    },
    headers: multipart ? {} : { "Content-Type": "application/x-www-form-urlencoded" },
  };
}
