import type { Capabilities, FleetProvider, ModelVersion } from "@modelfleet/runtime/fleet";
import type { BasetenClient, BasetenDeployment } from "../generated/index.js";

/**
 * `baseten:<model_id>@<deployment_id>`: one deployment of a Baseten model. `production` and `development` in place of
 * the id name the deployment that environment points at now.
 */
export type BasetenVersionRef = `baseten:${string}@${string}`;
/** `baseten:<model_id>`: a model, whose deployments are its versions. */
export type BasetenModelRef = `baseten:${string}`;

/** What Baseten brings into a fleet (see `ProviderTypes`). */
export interface BasetenFleetTypes {
  id: "baseten";
  client: BasetenClient;
  versionRef: BasetenVersionRef;
  modelRef: BasetenModelRef;
  /** `deploymentId` may be `production` or `development`, read through Baseten's shortcut paths. */
  versionParts: { modelId: string; deploymentId: string };
  modelParts: { modelId: string };
  /** `GET /v1/models/{model_id}/deployments/{deployment_id}` (or a shortcut), or an item of a model's deployment list. */
  raw: BasetenDeployment;
  capabilities: Capabilities & {
    getVersion: true;
    listVersions: true;
    listDeployments: true;
    scale: true;
    start: true;
    stop: true;
    promote: true;
    price: true;
    usage: true;
  };
}

/** A normalized Baseten deployment. */
export type BasetenFleetVersion = ModelVersion<"baseten", BasetenVersionRef, BasetenDeployment>;

/** Baseten as a fleet provider. */
export type BasetenFleetProvider = FleetProvider<BasetenFleetTypes>;
