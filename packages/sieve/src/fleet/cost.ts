import { InvalidArgumentError } from "@modelfleet/runtime";
import { amountToMicroUsd, type CostContext, received, type Usage, type UsageWindow } from "@modelfleet/runtime/fleet";
import type { SieveClient } from "../generated/index.js";
import type { SieveFleetVersion } from "./types.js";

/**
 * What one version cost over the window: `total_cost_dollars` of `GET /v2/usage/function/{o}/{f}/versions/{v}`
 * (idle replicas included). Sieve counts no requests there, so `requests` is left out.
 */
export async function sieveUsage(
  client: SieveClient,
  version: SieveFleetVersion,
  window: UsageWindow,
  context: CostContext,
): Promise<Usage> {
  const slash = version.model.indexOf("/");
  if (slash <= 0 || version.version === "") {
    throw new InvalidArgumentError("version", `sieve: ${version.ref} does not name an owner, a function and a version`);
  }
  const usage = received(
    await client.getVersionUsage(
      {
        owner_name: version.model.slice(0, slash),
        function_name: version.model.slice(slash + 1),
        version_slug: version.version,
        // POSIX seconds as a float: Sieve reads integers as nanoseconds.
        start_timestamp: seconds(window.from),
        end_timestamp: seconds(window.to),
      },
      { signal: context.signal },
    ),
  );
  return { spend: amountToMicroUsd(usage.total_cost_dollars, "usd", { provider: "sieve", field: "total_cost_dollars" }) };
}

/** Seconds with a fraction, so the value is never an integer Sieve would take for nanoseconds. */
function seconds(date: Date): number {
  const value = date.getTime() / 1000;
  return Number.isInteger(value) ? value + 0.001 : value;
}
