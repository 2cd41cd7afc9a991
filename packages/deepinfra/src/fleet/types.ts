import type { Capabilities, FleetProvider, ModelVersion } from "@modelfleet/runtime/fleet";
import type { DeepInfraClient, DeepInfraDeployment } from "../generated/index.js";

/** `deepinfra:<deploy_id>`: a DeepInfra deployment. */
export type DeepInfraVersionRef = `deepinfra:${string}`;
/** `deepinfra:<model_name>`: a model, whose deployments are its versions. */
export type DeepInfraModelRef = `deepinfra:${string}`;

/** What DeepInfra brings into a fleet (see `ProviderTypes`). */
export interface DeepInfraFleetTypes {
  id: "deepinfra";
  client: DeepInfraClient;
  versionRef: DeepInfraVersionRef;
  modelRef: DeepInfraModelRef;
  versionParts: { deployId: string };
  modelParts: { modelName: string };
  /** `GET /deploy/{deploy_id}` or an item of `GET /deploy/list`. */
  raw: DeepInfraDeployment;
  capabilities: Capabilities & {
    getVersion: true;
    listVersions: true;
    listDeployments: true;
    scale: true;
    start: true;
    stop: true;
    price: true;
    usage: true;
  };
}

/** A normalized DeepInfra deployment. */
export type DeepInfraFleetVersion = ModelVersion<"deepinfra", DeepInfraVersionRef, DeepInfraDeployment>;

/** DeepInfra as a fleet provider. */
export type DeepInfraFleetProvider = FleetProvider<DeepInfraFleetTypes>;
