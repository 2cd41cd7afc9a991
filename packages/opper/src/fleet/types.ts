import type { Capabilities, FleetProvider, ModelVersion } from "@modelfleet/runtime/fleet";
import type { OpperClient, OpperFunctionInfo, OpperFunctionRevision, OpperRevisionInfo } from "../generated/index.js";

/**
 * `opper:<function_name>@<revision_id>`: one numbered revision of an Opper function (`summarize-ticket@3`), or
 * `opper:<function_name>@current`: whichever revision the function runs now (what `rollback` changes).
 */
export type OpperVersionRef = `opper:${string}@${string}`;
/** `opper:<function_name>`: an Opper function, whose revisions can be listed. */
export type OpperModelRef = `opper:${string}`;

/**
 * The Opper objects a version is read from: a revision read on its own (`getVersion`), an entry of a function's
 * revision listing (`listVersions`), or an entry of the function listing (`listDeployments`).
 */
export type OpperRawVersion = OpperFunctionRevision | OpperRevisionInfo | OpperFunctionInfo;

/**
 * What Opper brings into a fleet (see `ProviderTypes`). Opper functions are serverless: nothing to scale. Making an
 * older revision current again is `rollback("opper:<function_name>@current", { version })` (Opper's revert).
 */
export interface OpperFleetTypes {
  id: "opper";
  client: OpperClient;
  versionRef: OpperVersionRef;
  modelRef: OpperModelRef;
  /** The function's name (it may contain `/`) and the revision's number, or `current` for the one it runs now. */
  versionParts: { functionName: string; revisionId: number | "current" };
  modelParts: { functionName: string };
  raw: OpperRawVersion;
  capabilities: Capabilities & { getVersion: true; listVersions: true; listDeployments: true; scale: false; rollback: true };
}

/** A normalized Opper function revision. */
export type OpperFleetVersion = ModelVersion<"opper", OpperVersionRef, OpperRawVersion>;

/** Opper as a fleet provider. */
export type OpperFleetProvider = FleetProvider<OpperFleetTypes>;
