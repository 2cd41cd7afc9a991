import type { Capabilities, FleetProvider, ModelVersion } from "@modelfleet/runtime/fleet";
import type { OpperClient, OpperFunction, OpperFunctionListItem, OpperRevision } from "../generated/index.js";

/** `opper:<function_id>@<revision_id>`: an Opper function revision. */
export type OpperVersionRef = `opper:${string}@${string}`;
/** `opper:<function_id>`: an Opper function, whose revisions can be listed. */
export type OpperModelRef = `opper:${string}`;

/** The Opper objects a version is read from: a function at a revision, a listed function, or a listed revision. */
export type OpperRawVersion = OpperFunction | OpperFunctionListItem | OpperRevision;

/** What Opper brings into a fleet (see `ProviderTypes`). Opper functions have nothing to scale. */
export interface OpperFleetTypes {
  id: "opper";
  client: OpperClient;
  versionRef: OpperVersionRef;
  modelRef: OpperModelRef;
  versionParts: { functionId: string; revisionId: string };
  modelParts: { functionId: string };
  raw: OpperRawVersion;
  capabilities: Capabilities & { getVersion: true; listVersions: true; listDeployments: true; scale: false };
}

/** A normalized Opper function revision. */
export type OpperFleetVersion = ModelVersion<"opper", OpperVersionRef, OpperRawVersion>;

/** Opper as a fleet provider. */
export type OpperFleetProvider = FleetProvider<OpperFleetTypes>;
