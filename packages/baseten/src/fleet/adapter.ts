import {
  type CallContext,
  checkSegment,
  type FleetProvider,
  items,
  mapBounded,
  received,
  splitOnce,
  text,
} from "@modelfleet/runtime/fleet";
import {
  type BasetenClient,
  type BasetenDeployment,
  type BasetenUpdateAutoscalingSettings,
  InvalidArgumentError,
} from "../generated/index.js";
import { basetenPrice, basetenUsage } from "./cost.js";
import { normalizeBasetenDeployment } from "./normalize.js";
import type { BasetenFleetTypes } from "./types.js";

type Parts = BasetenFleetTypes["versionParts"];

/** Baseten: a model's deployments are its versions; its environments (production, development, …) point at one each. */
export const basetenAdapter: Omit<FleetProvider<BasetenFleetTypes>, "name" | "envVar" | "explicit" | "keySource" | "createClient"> = {
  id: "baseten",
  capabilities: {
    getVersion: true,
    listVersions: true,
    listDeployments: true,
    scale: true,
    start: true,
    stop: true,
    promote: true,
    price: true,
    usage: true,
  },
  idleTimeout: "Baseten's `scale_down_delay` (seconds, in autoscaling settings) with `min_replica: 0` scales an idle deployment to zero",
  versionRef: {
    form: "baseten:<model_id>@<deployment_id|production|development>",
    parse(rest, bad) {
      const [modelId, deploymentId] = splitOnce(rest, "@", bad, "deployment id");
      checkSegment(modelId, "model_id", bad);
      checkSegment(deploymentId, "deployment_id", bad);
      return { modelId, deploymentId };
    },
    format: (parts) => `${parts.modelId}@${parts.deploymentId}`,
  },
  modelRef: {
    form: "baseten:<model_id>",
    parse(rest, bad) {
      checkSegment(rest, "model_id", bad);
      return { modelId: rest };
    },
    format: (parts) => parts.modelId,
  },

  async getVersion(client, ref, { signal }) {
    return normalizeBasetenDeployment(await readDeployment(client, ref, signal), ref);
  },

  // Not paginated: one array of every deployment of the model.
  async *listVersions(client, ref, { signal }) {
    for (const raw of await modelDeployments(client, ref.modelId, signal)) yield normalizeBasetenDeployment(raw, ref);
  },

  // Every deployment of every model: the model list, then each model's deployments (at most `concurrency` lists in
  // flight), in the models' order. Neither list is paginated.
  async *listDeployments(client, { signal, concurrency }) {
    const models = items(received(await client.listModels({}, { signal })).models);
    const modelIds = models.map((model) => text(received(model).id)).filter((id) => id !== null);
    const perModel = await mapBounded(modelIds, concurrency, async (modelId) =>
      (await modelDeployments(client, modelId, signal)).map((raw) => normalizeBasetenDeployment(raw, { modelId })),
    );
    for (const versions of perModel) yield* versions;
  },

  // The PATCH changes only the bounds sent and answers with a status word (ACCEPTED, QUEUED, UNCHANGED), so the
  // deployment is read again to return its state.
  async scale(client, ref, bounds, { signal }) {
    if (bounds.max < 1) {
      throw new InvalidArgumentError(
        "max",
        "Baseten needs max >= 1 (min 0 lets a deployment scale to zero when idle); to release its compute, deactivate it",
      );
    }
    const body: BasetenUpdateAutoscalingSettings = { min_replica: bounds.min, max_replica: bounds.max };
    await updateAutoscaling(client, ref, body, { signal });
    return normalizeBasetenDeployment(await readDeployment(client, ref, signal), ref);
  },

  // Activate brings a deactivated deployment back; deactivate releases its compute and keeps it (`INACTIVE`). Both
  // answer with a success flag only, so the deployment is read again, as after a scale.
  async start(client, ref, { signal }) {
    await setActive(client, ref, true, { signal });
    return normalizeBasetenDeployment(await readDeployment(client, ref, signal), ref);
  },

  async stop(client, ref, { signal }) {
    await setActive(client, ref, false, { signal });
    return normalizeBasetenDeployment(await readDeployment(client, ref, signal), ref);
  },

  // What serves is the production environment: `baseten:<model_id>@production` is promoted to a deployment id (or to
  // `development`, through Baseten's own path for it), then production is read again. Baseten keeps the previous
  // production deployment running unless told otherwise; that stays Baseten's default.
  async promote(client, ref, { version }, { signal }) {
    if (ref.deploymentId !== "production") {
      throw new InvalidArgumentError(
        "ref",
        `Baseten promotes to its production environment: use baseten:${ref.modelId}@production, with the deployment to promote as the version`,
      );
    }
    const model_id = ref.modelId;
    if (version === "development") await client.promoteDevelopmentDeployment({ model_id }, { signal });
    else await client.promoteDeployment({ model_id, deployment_id: version }, { signal });
    return normalizeBasetenDeployment(await readDeployment(client, ref, signal), ref);
  },

  price: basetenPrice,
  usage: basetenUsage,
};

/** A deployment by id, or the one an environment points at through Baseten's `production` / `development` paths. */
function readDeployment(client: BasetenClient, ref: Parts, signal: CallContext["signal"]): Promise<BasetenDeployment> {
  const { modelId: model_id, deploymentId } = ref;
  if (deploymentId === "production") return client.getProductionDeployment({ model_id }, { signal });
  if (deploymentId === "development") return client.getDevelopmentDeployment({ model_id }, { signal });
  return client.getDeployment({ model_id, deployment_id: deploymentId }, { signal });
}

function updateAutoscaling(
  client: BasetenClient,
  ref: Parts,
  body: BasetenUpdateAutoscalingSettings,
  options: { signal: CallContext["signal"] },
) {
  const { modelId: model_id, deploymentId } = ref;
  if (deploymentId === "production") return client.updateProductionAutoscalingSettings({ model_id, body }, options);
  if (deploymentId === "development") return client.updateDevelopmentAutoscalingSettings({ model_id, body }, options);
  return client.updateAutoscalingSettings({ model_id, deployment_id: deploymentId, body }, options);
}

function setActive(client: BasetenClient, ref: Parts, active: boolean, options: { signal: CallContext["signal"] }) {
  const { modelId: model_id, deploymentId } = ref;
  if (deploymentId === "production") {
    return active
      ? client.activateProductionDeployment({ model_id }, options)
      : client.deactivateProductionDeployment({ model_id }, options);
  }
  if (deploymentId === "development") {
    return active
      ? client.activateDevelopmentDeployment({ model_id }, options)
      : client.deactivateDevelopmentDeployment({ model_id }, options);
  }
  const path = { model_id, deployment_id: deploymentId };
  return active ? client.activateDeployment(path, options) : client.deactivateDeployment(path, options);
}

async function modelDeployments(
  client: BasetenClient,
  modelId: string,
  signal: CallContext["signal"],
): Promise<readonly BasetenDeployment[]> {
  return items(received(await client.listDeployments({ model_id: modelId }, { signal })).deployments);
}
