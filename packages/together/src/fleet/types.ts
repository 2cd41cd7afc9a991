import type { Capabilities, FleetProvider, ModelVersion } from "@modelfleet/runtime/fleet";
import type { TogetherClient, TogetherEndpoint } from "../generated/index.js";

/** `together:<endpoint_id>`: a Together AI dedicated endpoint (`endpoint-<uuid>`). */
export type TogetherVersionRef = `together:${string}`;
/** `together:<model>`: a model name such as `meta-llama/Llama-3-8b-chat-hf`, whose endpoints are its versions. */
export type TogetherModelRef = `together:${string}`;

/** What Together AI brings into a fleet (see `ProviderTypes`). */
export interface TogetherFleetTypes {
  id: "together";
  client: TogetherClient;
  versionRef: TogetherVersionRef;
  modelRef: TogetherModelRef;
  versionParts: { endpointId: string };
  modelParts: { model: string };
  /** `GET /endpoints/{endpointId}`, or the endpoint `PATCH /endpoints/{endpointId}` answers with. */
  raw: TogetherEndpoint;
  capabilities: Capabilities & {
    getVersion: true;
    listVersions: true;
    listDeployments: true;
    scale: true;
    start: true;
    stop: true;
    price: true;
  };
}

/** A normalized Together AI dedicated endpoint. */
export type TogetherFleetVersion = ModelVersion<"together", TogetherVersionRef, TogetherEndpoint>;

/** Together AI as a fleet provider. */
export type TogetherFleetProvider = FleetProvider<TogetherFleetTypes>;
