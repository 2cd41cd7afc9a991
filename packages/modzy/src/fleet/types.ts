import type { Capabilities, FleetProvider, ModelVersion } from "@modelfleet/runtime/fleet";
import type { ModzyClient, ModzyModelVersion } from "../generated/index.js";

/** `modzy:<modelId>@<semver>`: a Modzy model version. */
export type ModzyVersionRef = `modzy:${string}@${string}`;
/** `modzy:<modelId>`: a Modzy model, whose versions can be listed. */
export type ModzyModelRef = `modzy:${string}`;

/** What Modzy brings into a fleet (see `ProviderTypes`). */
export interface ModzyFleetTypes {
  id: "modzy";
  client: ModzyClient;
  versionRef: ModzyVersionRef;
  modelRef: ModzyModelRef;
  versionParts: { modelId: string; version: string };
  modelParts: { modelId: string };
  /** `GET /models/{modelId}/versions/{version}`. */
  raw: ModzyModelVersion;
  capabilities: Capabilities & {
    getVersion: true;
    listVersions: true;
    listDeployments: true;
    scale: true;
    start: true;
    stop: false;
    usage: true;
  };
}

/** A normalized Modzy model version. */
export type ModzyFleetVersion = ModelVersion<"modzy", ModzyVersionRef, ModzyModelVersion>;

/** Modzy as a fleet provider. */
export type ModzyFleetProvider = FleetProvider<ModzyFleetTypes>;
