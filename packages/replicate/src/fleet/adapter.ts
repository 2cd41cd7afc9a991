import { checkSegment, type FleetProvider, type ScaleBounds, splitOnce } from "@modelfleet/runtime/fleet";
import { InvalidArgumentError } from "../generated/index.js";
import { replicateUsage } from "./cost.js";
import { normalizeReplicateDeployment, normalizeReplicateVersion } from "./normalize.js";
import type { ReplicateFleetTypes, ReplicateModelParts, ReplicateVersionParts } from "./types.js";

/** The highest `min_instances` Replicate accepts for a deployment. */
export const REPLICATE_MAX_MIN_INSTANCES = 5;
/** The highest `max_instances` Replicate accepts for a deployment. */
export const REPLICATE_MAX_MAX_INSTANCES = 20;

const DEPLOYMENT_FORM = "replicate:<owner>/<deployment>";

/** `<owner>/<name>`, each one path segment. */
function ownerAndName(path: string, second: string, bad: (why: string) => never): ReplicateModelParts {
  const [owner, name, more] = path.split("/");
  if (name === undefined || more !== undefined) return bad(`it must be <owner>/<${second}>`);
  checkSegment(owner, "owner", bad);
  checkSegment(name, second, bad);
  return { owner, name };
}

/**
 * Replicate refuses bounds above its documented limits; refusing them here means no update is sent, and so no
 * release is created, for a request that cannot succeed.
 */
function checkReplicateBounds(bounds: ScaleBounds): void {
  if (bounds.min > REPLICATE_MAX_MIN_INSTANCES) {
    throw new InvalidArgumentError("min", `min (${bounds.min}) must be at most ${REPLICATE_MAX_MIN_INSTANCES} on Replicate`);
  }
  if (bounds.max > REPLICATE_MAX_MAX_INSTANCES) {
    throw new InvalidArgumentError("max", `max (${bounds.max}) must be at most ${REPLICATE_MAX_MAX_INSTANCES} on Replicate`);
  }
}

/**
 * Replicate: deployments (`replicate:<owner>/<deployment>`), which are listed and scaled, and immutable model
 * versions (`replicate:<owner>/<model>@<version_id>`), which are read and listed per model. Every update of a
 * deployment, a scale included, creates a new release; a deployment's `version` is its current release's model
 * version.
 */
export const replicateAdapter: Omit<FleetProvider<ReplicateFleetTypes>, "name" | "envVar" | "explicit" | "keySource" | "createClient"> = {
  id: "replicate",
  capabilities: { getVersion: true, listVersions: true, listDeployments: true, scale: true, usage: true },
  unsupported: {
    price: "Replicate's API has no prices (its hardware list names SKUs only); price the SKUs in a price table",
  },
  versionRef: {
    form: `${DEPLOYMENT_FORM} or replicate:<owner>/<model>@<version_id>`,
    parse(rest, bad): ReplicateVersionParts {
      if (!rest.includes("@")) return ownerAndName(rest, "deployment", bad);
      const [path, version] = splitOnce(rest, "@", bad, "version_id");
      const model = ownerAndName(path, "model", bad);
      checkSegment(version, "version_id", bad);
      return { ...model, version };
    },
    format: (parts) => `${parts.owner}/${parts.name}${parts.version === undefined ? "" : `@${parts.version}`}`,
  },
  modelRef: {
    form: "replicate:<owner>/<model>",
    parse: (rest, bad) => ownerAndName(rest, "model", bad),
    format: (parts) => `${parts.owner}/${parts.name}`,
  },

  async getVersion(client, ref, { signal }) {
    const { owner, name, version } = ref;
    if (version !== undefined) {
      const raw = await client.getModelVersion({ model_owner: owner, model_name: name, version_id: version }, { signal });
      return normalizeReplicateVersion(raw, { owner, name }, version);
    }
    const raw = await client.getDeployment({ deployment_owner: owner, deployment_name: name }, { signal });
    return normalizeReplicateDeployment(raw, { owner, name });
  },

  async *listVersions(client, ref, { signal }) {
    const model = { owner: ref.owner, name: ref.name };
    const versions = client.listModelVersionsAll({ model_owner: ref.owner, model_name: ref.name }, { signal });
    for await (const raw of versions) yield normalizeReplicateVersion(raw, model);
  },

  async *listDeployments(client, { signal }) {
    const deployments = client.listDeploymentsAll({}, { signal });
    for await (const raw of deployments) yield normalizeReplicateDeployment(raw);
  },

  // The update answers with the deployment as its new release has it, so no second read is needed.
  async scale(client, ref, bounds, { signal }) {
    if (ref.version !== undefined) {
      throw new InvalidArgumentError(
        "ref",
        `replicate:${ref.owner}/${ref.name}@${ref.version} is a model version, which cannot be scaled: scale a deployment, ${DEPLOYMENT_FORM}`,
      );
    }
    checkReplicateBounds(bounds);
    const raw = await client.updateDeployment(
      { deployment_owner: ref.owner, deployment_name: ref.name, body: { min_instances: bounds.min, max_instances: bounds.max } },
      { signal },
    );
    return normalizeReplicateDeployment(raw, { owner: ref.owner, name: ref.name });
  },

  usage: replicateUsage,
};
