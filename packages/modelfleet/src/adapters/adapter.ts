import type { Capabilities } from "../capabilities.js";
import type { ModelVersionOf, VersionStatus } from "../model-version.js";
import type { ProviderId } from "../providers.js";
import type { ParsedModelRefOf, ParsedRefOf } from "../refs.js";

/** Options every facade call passes down to the provider's client. */
export interface CallContext {
  signal?: AbortSignal;
  /** How many follow-up requests one listing may have in flight (e.g. Modzy's per-version reads). */
  concurrency: number;
}

/** Bounds for `scale`, already validated. */
export interface ScaleBounds {
  min: number;
  max: number;
}

/**
 * Everything the facade knows about one provider: how its references map to generated-client calls and how
 * its objects map to {@link ModelVersionOf}. One small module per provider implements it.
 */
export interface ProviderAdapter<P extends ProviderId, Client> {
  readonly provider: P;
  readonly capabilities: Capabilities;
  /** Why `scale` is unsupported, for the error message, when it is. */
  readonly scaleUnsupportedReason?: string;
  /** Why `listVersions` is unsupported, when it is. */
  readonly listVersionsUnsupportedReason?: string;
  getVersion(client: Client, ref: ParsedRefOf<P>, context: CallContext): Promise<ModelVersionOf<P>>;
  listVersions(client: Client, ref: ParsedModelRefOf<P>, context: CallContext): AsyncIterable<ModelVersionOf<P>>;
  listDeployments(client: Client, context: CallContext): AsyncIterable<ModelVersionOf<P>>;
  scale?(client: Client, ref: ParsedRefOf<P>, bounds: ScaleBounds, context: CallContext): Promise<ModelVersionOf<P>>;
}

/** A status table lookup that never fails: unknown or missing values become `unknown`. */
export function mapStatus(table: Readonly<Record<string, VersionStatus>>, value: string | null): VersionStatus {
  if (value === null) return "unknown";
  const key = value.trim().toLowerCase();
  return Object.hasOwn(table, key) ? (table[key] as VersionStatus) : "unknown";
}
