import type { ModelVersion } from "@modelfleet/runtime/fleet";
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
}

/** How a fleet file's references are read: the fleet's own `parseRef`/`formatRef` (a fleet is one). */
export type ReferenceReader = Pick<FleetAccess, "parseRef" | "formatRef">;
