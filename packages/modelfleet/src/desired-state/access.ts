import type { ModelVersion, WriteRequest } from "@modelfleet/runtime/fleet";
import type { FleetCallOptions, ProviderStatus, ScaleOptions, VersionChangeOptions } from "../fleet.js";

/**
 * What the desired-state engine uses of a fleet: its verbs on references known only at run time (a fleet file's),
 * so the engine needs none of the fleet's provider types. The fleet checks every flag before a request.
 */
export interface FleetAccess {
  parseRef(ref: string): { provider: string };
  formatRef(parsed: { provider: string }): string;
  providers(): ProviderStatus[];
  getVersion(ref: string, options?: FleetCallOptions): Promise<ModelVersion>;
  scale(ref: string, options: ScaleOptions): Promise<ModelVersion>;
  start(ref: string, options?: FleetCallOptions): Promise<ModelVersion>;
  stop(ref: string, options?: FleetCallOptions): Promise<ModelVersion>;
  promote(ref: string, options: VersionChangeOptions): Promise<ModelVersion>;
  rollback(ref: string, options: VersionChangeOptions): Promise<ModelVersion>;
  checkWrite(ref: string, request: WriteRequest): void;
}

/**
 * How a fleet file's references are read and compared: a fleet is one (its own `parseRef` and `formatRef`, in the
 * grammar of each of its providers).
 */
export interface ReferenceReader {
  /** Parses a version reference; throws an `InvalidReferenceError` for a malformed one or an unknown provider. */
  parseRef(ref: string): { provider: string };
  /** Writes a parsed reference back in its canonical spelling. */
  formatRef(parsed: { provider: string }): string;
}
