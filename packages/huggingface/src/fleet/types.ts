import type { Capabilities, FleetProvider, ModelVersion } from "@modelfleet/runtime/fleet";
import type { HuggingFaceClient, HuggingFaceClientOptions, HuggingFaceEndpoint } from "../generated/index.js";

/** `huggingface:<namespace>/<endpoint>`: an Inference Endpoint of a user or an organization. */
export type HuggingFaceVersionRef = `huggingface:${string}/${string}`;
/** `huggingface:<namespace>/<endpoint>`: an endpoint, whose one current version `listVersions` yields. */
export type HuggingFaceModelRef = `huggingface:${string}/${string}`;

/** A Hugging Face reference taken apart: the endpoint's namespace (user or organization) and name. */
export interface HuggingFaceEndpointParts {
  /** The user or organization the endpoint belongs to. */
  namespace: string;
  /** The endpoint's name (lowercase letters, digits and `-`). */
  name: string;
}

/** What Hugging Face brings into a fleet (see `ProviderTypes`). */
export interface HuggingFaceFleetTypes {
  id: "huggingface";
  client: HuggingFaceClient;
  versionRef: HuggingFaceVersionRef;
  modelRef: HuggingFaceModelRef;
  versionParts: HuggingFaceEndpointParts;
  modelParts: HuggingFaceEndpointParts;
  /** `GET /v2/endpoint/{namespace}/{name}`, a listed endpoint, or the endpoint a scale's update answered with. */
  raw: HuggingFaceEndpoint;
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

/** A normalized Hugging Face endpoint. */
export type HuggingFaceFleetVersion = ModelVersion<"huggingface", HuggingFaceVersionRef, HuggingFaceEndpoint>;

/** Hugging Face as a fleet provider. */
export type HuggingFaceFleetProvider = FleetProvider<HuggingFaceFleetTypes>;

/** Options of the `huggingface()` factory: the client's, plus the namespaces its listing covers. */
export interface HuggingFaceFleetOptions extends HuggingFaceClientOptions {
  /**
   * The users and organizations whose endpoints `listDeployments` lists (Hugging Face lists them one namespace at a
   * time). Default: the `HF_NAMESPACE` environment variable, comma-separated. Reading one endpoint needs none.
   */
  namespaces?: readonly string[];
}
