import { InvalidPriceError, PriceNotFoundError } from "@modelfleet/runtime";
import {
  amountToMicroUsd,
  type CostContext,
  count,
  hourlyRateToMicroUsd,
  items,
  MAX_HOURLY_RATE_USD,
  received,
  text,
  type UnitPrice,
  type Usage,
  type UsageWindow,
} from "@modelfleet/runtime/fleet";
import type { DeepInfraClient, DeepInfraGpuAvailabilityInfo } from "../generated/index.js";
import type { DeepInfraFleetVersion } from "./types.js";

/**
 * The price of one instance: the GPU's `usd_per_hour` from `GET /deploy/llm/gpu_availability` times the
 * deployment's `num_gpus` (DeepInfra bills per GPU-hour). The catalogue is read once per cost call.
 */
export async function deepInfraPrice(client: DeepInfraClient, version: DeepInfraFleetVersion, context: CostContext): Promise<UnitPrice> {
  const config = received(received(version.raw).config);
  const gpu = text(config.gpu);
  if (gpu === null) throw new PriceNotFoundError("deepinfra", null);
  const gpus = count(config.num_gpus);
  if (gpus === null || gpus === 0) {
    throw new PriceNotFoundError("deepinfra", gpu, `deepinfra: the deployment's num_gpus (${String(config.num_gpus)}) is not a GPU count`);
  }
  const catalogue = await context.once("gpu_availability", () => client.getGpuAvailability({}, { signal: context.signal }));
  const entry = items<DeepInfraGpuAvailabilityInfo>(received(catalogue).gpus).find((g) => text(received(g).gpu_config) === gpu);
  if (entry === undefined) throw new PriceNotFoundError("deepinfra", gpu);
  const perGpu = hourlyRateToMicroUsd(entry.usd_per_hour, "usd/hour", { provider: "deepinfra", field: `usd_per_hour of ${gpu}` });
  const perInstance = perGpu * gpus;
  if (perInstance > MAX_HOURLY_RATE_USD * 1_000_000) {
    throw new InvalidPriceError(
      "deepinfra",
      "num_gpus",
      `deepinfra: ${gpus} GPUs at ${entry.usd_per_hour} USD/hour is not a believable price`,
    );
  }
  return {
    hardware: gpus > 1 ? `${gpus}x ${gpu}` : gpu,
    perReplicaHour: perInstance,
    listed: { value: entry.usd_per_hour, unit: "usd/hour" },
  };
}

/** Requests and money spent (integer cents) from `GET /deploy/{deploy_id}/stats`, with the window in unix seconds. */
export async function deepInfraUsage(
  client: DeepInfraClient,
  version: DeepInfraFleetVersion,
  window: UsageWindow,
  context: CostContext,
): Promise<Usage> {
  const deployId = version.ref.slice("deepinfra:".length);
  const stats = received(
    await client.getDeploymentStats(
      { deploy_id: deployId, from: String(Math.floor(window.from.getTime() / 1000)), to: String(Math.ceil(window.to.getTime() / 1000)) },
      { signal: context.signal },
    ),
  );
  const usage: Usage = { spend: amountToMicroUsd(stats.total_amount, "cents", { provider: "deepinfra", field: "total_amount" }) };
  const requests = count(stats.requests);
  if (requests !== null) usage.requests = requests;
  return usage;
}
