// A made-up provider with one GET operation, for runtime tests that need a client and nothing provider-specific.
import type { OperationDescriptor, ProviderDescriptor } from "./provider.js";

/** `GET /things/{id}`: idempotent, no body. */
export const getThing: OperationDescriptor = {
  operationId: "getThing",
  method: "GET",
  path: "/things/{id}",
  pathParams: ["id"],
  queryParams: [],
  headerParams: [],
  body: false,
  idempotent: true,
};

/** The Acme provider with `getThing`, Bearer auth on `ACME_API_KEY`; `overrides` replace its fields. */
export function acmeProvider(overrides: Partial<ProviderDescriptor> = {}): ProviderDescriptor {
  return {
    id: "acme",
    name: "Acme",
    packageName: "@modelfleet/acme",
    packageVersion: "1.2.3",
    envVar: "ACME_API_KEY",
    baseUrl: "https://api.acme.test",
    auth: { header: "Authorization", prefix: "Bearer " },
    errorMessageKeys: ["message"],
    sensitiveKeys: [],
    operations: { getThing },
    ...overrides,
  };
}
