// `@modelfleet/huggingface/fleet`: Hugging Face Inference Endpoints as a provider of the `modelfleet` facade. Not
// part of the main entry, so a user of the raw client pays nothing for it.
import { connectProvider } from "@modelfleet/runtime/fleet";
import { huggingFaceAdapter } from "./fleet/adapter.js";
import { rememberNamespaces, resolveNamespaces } from "./fleet/namespaces.js";
import type { HuggingFaceFleetOptions, HuggingFaceFleetProvider } from "./fleet/types.js";
import { createHuggingFaceClient, huggingfaceProvider } from "./generated/index.js";

export { HUGGINGFACE_NAMESPACES_ENV_VAR } from "./fleet/namespaces.js";
export {
  HUGGINGFACE_DEFAULT_SCALE_TO_ZERO_MINUTES,
  HUGGINGFACE_STATUS,
  huggingFaceScaleBody,
  normalizeHuggingFaceEndpoint,
} from "./fleet/normalize.js";
export type {
  HuggingFaceEndpointParts,
  HuggingFaceFleetOptions,
  HuggingFaceFleetProvider,
  HuggingFaceFleetTypes,
  HuggingFaceFleetVersion,
  HuggingFaceModelRef,
  HuggingFaceVersionRef,
} from "./fleet/types.js";

/**
 * Hugging Face Inference Endpoints for `createFleet({ providers: [huggingface()] })`. Without options it is
 * configured when `HF_TOKEN` is set (its client created on first use); with options (e.g. `{ apiKey, baseUrl,
 * namespaces }`) the client is created by `createFleet`, so a missing key or bad option throws there.
 * `listDeployments` lists the endpoints of the `namespaces` option, else of `HF_NAMESPACE` (comma-separated).
 */
export function huggingface(options?: HuggingFaceFleetOptions): HuggingFaceFleetProvider {
  const { namespaces, ...clientOptions } = options ?? {};
  const connection = connectProvider(huggingfaceProvider, createHuggingFaceClient, options === undefined ? undefined : clientOptions);
  return {
    ...huggingFaceAdapter,
    ...connection,
    createClient(shared, env) {
      const listed = resolveNamespaces(namespaces, env);
      const client = connection.createClient(shared, env);
      rememberNamespaces(client, listed);
      return client;
    },
  };
}
