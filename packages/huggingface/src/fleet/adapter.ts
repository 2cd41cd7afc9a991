import { checkSegment, type FleetProvider, items, received } from "@modelfleet/runtime/fleet";
import { huggingFacePrice } from "./cost.js";
import { listedNamespaces } from "./namespaces.js";
import { huggingFaceScaleBody, normalizeHuggingFaceEndpoint } from "./normalize.js";
import type { HuggingFaceEndpointParts, HuggingFaceFleetTypes } from "./types.js";

/** `<namespace>/<endpoint>`, each one path segment. */
function endpointParts(rest: string, bad: (why: string) => never): HuggingFaceEndpointParts {
  if (rest.includes("@")) return bad("an endpoint has no @<version>: it runs one model revision");
  const [namespace, name, more] = rest.split("/");
  if (name === undefined || more !== undefined) return bad("it must be <namespace>/<endpoint>");
  checkSegment(namespace, "namespace", bad);
  checkSegment(name, "endpoint", bad);
  return { namespace, name };
}

const format = (parts: HuggingFaceEndpointParts) => `${parts.namespace}/${parts.name}`;

/**
 * Hugging Face Inference Endpoints: `huggingface:<namespace>/<endpoint>`. An endpoint runs one model revision
 * and keeps no history, so its versions are its current one. Listing covers the configured namespaces.
 */
export const huggingFaceAdapter: Omit<
  FleetProvider<HuggingFaceFleetTypes>,
  "name" | "envVar" | "explicit" | "keySource" | "createClient"
> = {
  id: "huggingface",
  capabilities: { getVersion: true, listVersions: true, listDeployments: true, scale: true, start: true, stop: true, price: true },
  unsupported: {
    usage: "Hugging Face's endpoint API has no billing or usage route; its request-count metric is undocumented",
  },
  idleTimeout: "Hugging Face's `scaleToZeroTimeout` (minutes, with `minReplica: 0`) scales an idle endpoint to zero",
  versionRef: { form: "huggingface:<namespace>/<endpoint>", parse: endpointParts, format },
  modelRef: { form: "huggingface:<namespace>/<endpoint>", parse: endpointParts, format },

  async getVersion(client, ref, { signal }) {
    const raw = await client.getEndpoint({ namespace: ref.namespace, name: ref.name }, { signal });
    return normalizeHuggingFaceEndpoint(raw, ref.namespace, ref.name);
  },

  async *listVersions(client, ref, { signal }) {
    const raw = await client.getEndpoint({ namespace: ref.namespace, name: ref.name }, { signal });
    yield normalizeHuggingFaceEndpoint(raw, ref.namespace, ref.name);
  },

  // One request per namespace, in order; each answers every endpoint of its namespace (there is no paging).
  async *listDeployments(client, { signal }) {
    for (const namespace of listedNamespaces(client)) {
      const list = await client.listEndpoints({ namespace }, { signal });
      for (const raw of items(received(list).items)) yield normalizeHuggingFaceEndpoint(raw, namespace);
    }
  },

  // The endpoint is read first so that the update keeps its compute as it is; the update answers with the endpoint.
  async scale(client, ref, bounds, { signal }) {
    const path = { namespace: ref.namespace, name: ref.name };
    const current = await client.getEndpoint(path, { signal });
    const raw = await client.updateEndpoint({ ...path, body: huggingFaceScaleBody(current, bounds.min, bounds.max) }, { signal });
    return normalizeHuggingFaceEndpoint(raw, ref.namespace, ref.name);
  },

  // Hugging Face's pause keeps the endpoint and stops every replica and its billing (state `paused`); resume brings
  // it back. Both answer with the endpoint. Scale-to-zero is not a stop: it wakes on the next request.
  async start(client, ref, { signal }) {
    return normalizeHuggingFaceEndpoint(
      await client.resumeEndpoint({ namespace: ref.namespace, name: ref.name }, { signal }),
      ref.namespace,
      ref.name,
    );
  },

  async stop(client, ref, { signal }) {
    return normalizeHuggingFaceEndpoint(
      await client.pauseEndpoint({ namespace: ref.namespace, name: ref.name }, { signal }),
      ref.namespace,
      ref.name,
    );
  },

  price: huggingFacePrice,
};
