/** The providers the fleet knows, in a stable order (used for listings and error messages). */
export const PROVIDER_IDS = ["sieve", "modzy", "deepinfra", "opper"] as const;

/** A provider the fleet can talk to. */
export type ProviderId = (typeof PROVIDER_IDS)[number];

/** Whether `value` names a known provider. */
export function isProviderId(value: unknown): value is ProviderId {
  return typeof value === "string" && (PROVIDER_IDS as readonly string[]).includes(value);
}
