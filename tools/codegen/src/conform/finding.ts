import type { OpenApiDocument } from "../openapi/document.js";

/** Every code `conform` reports, with the one line of help each finding carries. */
export const CONFORM_CODES = {
  "conform/operation-missing": "the vendor's document has no operation with this method and path: fix the path, or drop the operation",
  "conform/parameter-missing": "declare the parameter the vendor requires, as required",
  "conform/parameter-not-required": "mark the parameter `required: true`, as the vendor does",
  "conform/parameter-unknown": "the vendor does not declare this parameter: remove it, or allow-list it with the reason it is sent",
  "conform/request-body-not-required":
    "declare the request body with `required: true` and send it (the vendor refuses the call without one)",
  "conform/request-property-missing": "declare the property the vendor requires in the request body, and list it under `required`",
  "conform/request-property-not-required": "list the property under `required`, as the vendor does",
  "conform/request-property-unknown": "the vendor's request body has no such property: remove it, or allow-list it with a reason",
  "conform/response-body-missing": "the vendor documents no JSON body for this response: check what it returns",
  "conform/response-property-unknown":
    "the vendor's response has no such property, so an adapter reading it reads nothing: remove it, or allow-list it with a reason",
  "conform/response-type-mismatch": "widen our type to every type the vendor may send (e.g. add `null`), or allow-list it with a reason",
  "conform/response-enum-value": "the vendor never sends this enum value: remove it, or allow-list it with a reason",
  "conform/auth-mismatch": "send the key the way the vendor's security scheme says (type, scheme, header name)",
} as const;

/** The stable identifier of one kind of difference between our spec and the vendor's document. */
export type ConformCode = keyof typeof CONFORM_CODES;

/** One difference between an operation of our spec and the vendor's, before it is located in the files. */
export interface Finding {
  code: ConformCode;
  message: string;
  /** Where in our spec (what to edit, or what the allow-list names). */
  pointer: string;
  /** Where in the vendor's document. */
  vendorPointer: string;
}

/** The two documents a check compares. */
export interface ConformContext {
  ours: OpenApiDocument;
  vendor: OpenApiDocument;
}

/** A finding with its code's help line. */
export function finding(code: ConformCode, message: string, pointer: string, vendorPointer: string): Finding {
  return { code, message, pointer, vendorPointer };
}
