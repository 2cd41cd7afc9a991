import {
  type CallContext,
  checkSegment,
  type FleetProvider,
  isSegmentPath,
  items,
  mapBounded,
  quoteRefPart,
  received,
} from "@modelfleet/runtime/fleet";
import { InvalidArgumentError, type TogetherClient, type TogetherUpdateEndpointRequest } from "../generated/index.js";
import { togetherPrice } from "./cost.js";
import { listedEndpointId, normalizeTogetherEndpoint } from "./normalize.js";
import type { TogetherFleetTypes, TogetherFleetVersion } from "./types.js";

/** Together AI dedicated endpoints (v1): one model on one hardware configuration, started and stopped by `state`. */
export const togetherAdapter: Omit<FleetProvider<TogetherFleetTypes>, "name" | "envVar" | "explicit" | "keySource" | "createClient"> = {
  id: "together",
  capabilities: { getVersion: true, listVersions: true, listDeployments: true, scale: true, start: true, stop: true, price: true },
  unsupported: {
    usage: "Together's v1 API reports no usage, billing or request counts for dedicated endpoints",
  },
  idleTimeout: "Together's `inactive_timeout` (minutes) stops an endpoint after that long without requests",
  versionRef: {
    form: "together:<endpoint_id>",
    parse(rest, bad) {
      checkSegment(rest, "endpoint_id", bad);
      return { endpointId: rest };
    },
    format: (parts) => parts.endpointId,
  },
  modelRef: {
    form: "together:<model>",
    parse(rest, bad) {
      if (!isSegmentPath(rest)) {
        return bad(`the model name ${quoteRefPart(rest)} has an empty, "." or ".." part, or a character that is not allowed`);
      }
      return { model: rest };
    },
    format: (parts) => parts.model,
  },

  async getVersion(client, ref, { signal }) {
    return normalizeTogetherEndpoint(await client.getEndpoint({ endpointId: ref.endpointId }, { signal }), ref.endpointId);
  },

  // The API cannot filter by model: the account's endpoints serving it are its versions.
  async *listVersions(client, ref, context) {
    yield* await readOwnEndpoints(client, context, ref.model);
  },

  async *listDeployments(client, context) {
    yield* await readOwnEndpoints(client, context);
  },

  // Together takes both bounds together and answers with the updated endpoint. It documents no zero-replica bound:
  // a stopped endpoint is its zero state.
  async scale(client, ref, bounds, { signal }) {
    if (bounds.max < 1) {
      throw new InvalidArgumentError("max", "Together needs max >= 1; to take an endpoint to zero replicas, stop it (state STOPPED)");
    }
    const body: TogetherUpdateEndpointRequest = { autoscaling: { min_replicas: bounds.min, max_replicas: bounds.max } };
    return normalizeTogetherEndpoint(await client.updateEndpoint({ endpointId: ref.endpointId, body }, { signal }), ref.endpointId);
  },

  // An endpoint is started and stopped by its `state`; the PATCH answers with the endpoint (`STARTING`, `STOPPING`
  // while Together is on its way). Asking for the state it is already in is not an error.
  async start(client, ref, { signal }) {
    return setState(client, ref.endpointId, "STARTED", signal);
  },

  async stop(client, ref, { signal }) {
    return setState(client, ref.endpointId, "STOPPED", signal);
  },

  price: togetherPrice,
};

async function setState(
  client: TogetherClient,
  endpointId: string,
  state: "STARTED" | "STOPPED",
  signal: AbortSignal | undefined,
): Promise<TogetherFleetVersion> {
  return normalizeTogetherEndpoint(await client.updateEndpoint({ endpointId, body: { state } }, { signal }), endpointId);
}

/**
 * The account's own dedicated endpoints (of `model`, when given), each read in full: listed items lack hardware and
 * autoscaling. At most `concurrency` reads in flight, in the listing's order.
 */
async function readOwnEndpoints(
  client: TogetherClient,
  { signal, concurrency }: CallContext,
  model?: string,
): Promise<TogetherFleetVersion[]> {
  const listed = items(received(await client.listEndpoints({ type: "dedicated", mine: true }, { signal })).data);
  const ids = listed.map((item) => listedEndpointId(item, model)).filter((id) => id !== null);
  return mapBounded(ids, concurrency, async (endpointId) =>
    normalizeTogetherEndpoint(await client.getEndpoint({ endpointId }, { signal }), endpointId),
  );
}
