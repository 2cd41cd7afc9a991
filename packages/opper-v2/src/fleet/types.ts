import type { Capabilities, FleetProvider, ModelVersion } from "@modelfleet/runtime/fleet";
import type { OpperV2Client, OpperV2Function, OpperV2FunctionListItem, OpperV2Revision } from "../generated/index.js";

/** `opper-v2:<function_id>@<revision_id>`: an Opper v2 function revision. */
export type OpperV2VersionRef = `opper-v2:${string}@${string}`;
/** `opper-v2:<function_id>`: an Opper v2 function, whose revisions can be listed. */
export type OpperV2ModelRef = `opper-v2:${string}`;

/** The Opper v2 objects a version is read from: a function at a revision, a listed function, or a listed revision. */
export type OpperV2RawVersion = OpperV2Function | OpperV2FunctionListItem | OpperV2Revision;

/** What Opper v2 brings into a fleet (see `ProviderTypes`). Opper v2 functions have nothing to scale. */
export interface OpperV2FleetTypes {
  id: "opper-v2";
  client: OpperV2Client;
  versionRef: OpperV2VersionRef;
  modelRef: OpperV2ModelRef;
  versionParts: { functionId: string; revisionId: string };
  modelParts: { functionId: string };
  raw: OpperV2RawVersion;
  capabilities: Capabilities & { getVersion: true; listVersions: true; listDeployments: true; scale: false };
}

/** A normalized Opper v2 function revision. */
export type OpperV2FleetVersion = ModelVersion<"opper-v2", OpperV2VersionRef, OpperV2RawVersion>;

/** Opper v2 as a fleet provider. */
export type OpperV2FleetProvider = FleetProvider<OpperV2FleetTypes>;
