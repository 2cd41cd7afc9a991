import { type CostContext, received, text, type Usage, type UsageWindow } from "@modelfleet/runtime/fleet";
import type { ReplicateClient } from "../generated/index.js";
import type { ReplicateFleetVersion } from "./types.js";

/**
 * Requests per deployment over the window: the account's predictions created in it (`GET /predictions` with
 * `created_after` and `created_before`, every page) counted by `deployment`, walked once per window and cost call
 * whatever the number of deployments; only the counts are kept. Replicate reports no money. A model version
 * (`replicate:<owner>/<model>@<id>`) is not a deployment: it gets no figures.
 */
export async function replicateUsage(
  client: ReplicateClient,
  version: ReplicateFleetVersion,
  window: UsageWindow,
  context: CostContext,
): Promise<Usage> {
  const deployment = version.ref.slice("replicate:".length);
  if (deployment.includes("@")) return {};
  const created_after = window.from.toISOString();
  const created_before = window.to.toISOString();
  const counts = await context.once(`predictions ${created_after} ${created_before}`, async () => {
    const byDeployment = new Map<string, number>();
    for await (const prediction of client.listPredictionsAll({ created_after, created_before }, { signal: context.signal })) {
      const name = text(received(prediction).deployment);
      if (name !== null) byDeployment.set(name, (byDeployment.get(name) ?? 0) + 1);
    }
    return byDeployment;
  });
  return { requests: counts.get(deployment) ?? 0 };
}
