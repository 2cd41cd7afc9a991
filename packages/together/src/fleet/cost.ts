import { PriceNotFoundError } from "@modelfleet/runtime";
import { type CostContext, hourlyRateToMicroUsd, items, received, text, type UnitPrice } from "@modelfleet/runtime/fleet";
import type { TogetherClient, TogetherHardware } from "../generated/index.js";
import type { TogetherFleetVersion } from "./types.js";

/**
 * The price of one replica: `pricing.cents_per_minute` of the endpoint's `hardware` in `GET /hardware` (the whole
 * catalogue, unfiltered), read once per cost call.
 */
export async function togetherPrice(client: TogetherClient, version: TogetherFleetVersion, context: CostContext): Promise<UnitPrice> {
  const hardware = version.hardware;
  if (hardware === null) throw new PriceNotFoundError("together", null);
  const catalogue = await context.once("hardware", () => client.listHardware({}, { signal: context.signal }));
  const entry = items<TogetherHardware>(received(catalogue).data).find((item) => text(received(item).id) === hardware);
  if (entry === undefined) throw new PriceNotFoundError("together", hardware);
  const perMinute = received(entry.pricing).cents_per_minute;
  const perReplicaHour = hourlyRateToMicroUsd(perMinute, "cents/minute", {
    provider: "together",
    field: `pricing.cents_per_minute of ${hardware}`,
  });
  // The conversion above refused anything but a number or a decimal string.
  return { hardware, perReplicaHour, listed: { value: perMinute as number, unit: "cents/minute" } };
}
