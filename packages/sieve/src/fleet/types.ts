import type { Capabilities, FleetProvider, ModelVersion } from "@modelfleet/runtime/fleet";
import type { SieveClient, SieveLegacyVersion, SieveVersion } from "../generated/index.js";

/** `sieve:<owner>/<function>@<version_slug|latest>`: a Sieve function version (id, id prefix or `latest`). */
export type SieveVersionRef = `sieve:${string}/${string}@${string}`;
/** `sieve:<owner>/<function>`: a Sieve function, whose versions can be listed. */
export type SieveModelRef = `sieve:${string}/${string}`;

/** What Sieve brings into a fleet (see `ProviderTypes`). */
export interface SieveFleetTypes {
  id: "sieve";
  client: SieveClient;
  versionRef: SieveVersionRef;
  modelRef: SieveModelRef;
  versionParts: { owner: string; function: string; version: string };
  modelParts: { owner: string; function: string };
  /** `GET …/versions/{slug}` (current or legacy shape), or the `latest_version` of a listed function. */
  raw: SieveVersion | SieveLegacyVersion;
  capabilities: Capabilities & { getVersion: true; listVersions: true; listDeployments: true; scale: true; usage: true };
}

/** A normalized Sieve version. */
export type SieveFleetVersion = ModelVersion<"sieve", SieveVersionRef, SieveVersion | SieveLegacyVersion>;

/** Sieve as a fleet provider. */
export type SieveFleetProvider = FleetProvider<SieveFleetTypes>;
