import { checkSegment, type FleetProvider, isSegmentPath, items, quoteRefPart } from "@modelfleet/runtime/fleet";
import { deepInfraPrice, deepInfraUsage } from "./cost.js";
import { deepInfraModelName, normalizeDeepInfraDeployment } from "./normalize.js";
import type { DeepInfraFleetTypes } from "./types.js";

/** DeepInfra: custom LLM deployments; a model's versions are its deployments. */
export const deepInfraAdapter: Omit<FleetProvider<DeepInfraFleetTypes>, "name" | "envVar" | "explicit" | "keySource" | "createClient"> = {
  id: "deepinfra",
  capabilities: {
    getVersion: true,
    listVersions: true,
    listDeployments: true,
    scale: true,
    start: true,
    stop: true,
    price: true,
    usage: true,
  },
  // deepctl's `inactive_shutdown` is not in the API's settings, so there is no native idle setting to point at.
  versionRef: {
    form: "deepinfra:<deploy_id>",
    parse(rest, bad) {
      checkSegment(rest, "deploy_id", bad);
      return { deployId: rest };
    },
    format: (parts) => parts.deployId,
  },
  modelRef: {
    form: "deepinfra:<model_name>",
    parse(rest, bad) {
      if (!isSegmentPath(rest)) {
        return bad(`the model name ${quoteRefPart(rest)} has an empty, "." or ".." part, or a character that is not allowed`);
      }
      return { modelName: rest };
    },
    format: (parts) => parts.modelName,
  },

  async getVersion(client, ref, { signal }) {
    return normalizeDeepInfraDeployment(await client.getDeployment({ deploy_id: ref.deployId }, { signal }), ref.deployId);
  },

  // The API cannot filter by model, and returns every deployment in one array.
  async *listVersions(client, ref, { signal }) {
    for (const raw of items(await client.listDeployments({}, { signal }))) {
      if (deepInfraModelName(raw) === ref.modelName) yield normalizeDeepInfraDeployment(raw);
    }
  },

  async *listDeployments(client, { signal }) {
    for (const raw of items(await client.listDeployments({}, { signal }))) yield normalizeDeepInfraDeployment(raw);
  },

  // The update answers with the id only, so the deployment is read again to return its new state.
  async scale(client, ref, bounds, { signal }) {
    await client.updateDeployment(
      { deploy_id: ref.deployId, body: { settings: { min_instances: bounds.min, max_instances: bounds.max } } },
      { signal },
    );
    return normalizeDeepInfraDeployment(await client.getDeployment({ deploy_id: ref.deployId }, { signal }), ref.deployId);
  },

  // Start and stop also answer with the id only. Start: the autoscaler recreates the instances of a stopped
  // deployment; stop: the instances are terminated and the deployment kept, to be started again.
  async start(client, ref, { signal }) {
    await client.startDeployment({ deploy_id: ref.deployId }, { signal });
    return normalizeDeepInfraDeployment(await client.getDeployment({ deploy_id: ref.deployId }, { signal }), ref.deployId);
  },

  async stop(client, ref, { signal }) {
    await client.stopDeployment({ deploy_id: ref.deployId }, { signal });
    return normalizeDeepInfraDeployment(await client.getDeployment({ deploy_id: ref.deployId }, { signal }), ref.deployId);
  },

  price: deepInfraPrice,
  usage: deepInfraUsage,
};
