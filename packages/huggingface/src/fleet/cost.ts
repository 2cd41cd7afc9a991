import { PriceNotFoundError } from "@modelfleet/runtime";
import { type CostContext, hourlyRateToMicroUsd, items, received, text, type UnitPrice } from "@modelfleet/runtime/fleet";
import type { HuggingFaceCatalogueCompute, HuggingFaceClient, HuggingFaceRegion, HuggingFaceVendor } from "../generated/index.js";
import type { HuggingFaceFleetVersion } from "./types.js";

/**
 * The price of one replica: `pricePerHour` (USD) of the compute in `GET /v2/provider/{namespace}` whose vendor,
 * region, instance type and size are the endpoint's, the catalogue read once per namespace and cost call.
 */
export async function huggingFacePrice(
  client: HuggingFaceClient,
  version: HuggingFaceFleetVersion,
  context: CostContext,
): Promise<UnitPrice> {
  const endpoint = received(version.raw);
  const compute = received(endpoint.compute);
  const provider = received(endpoint.provider);
  const wanted = {
    vendor: text(provider.vendor),
    region: text(provider.region),
    instanceType: text(compute.instanceType),
    instanceSize: text(compute.instanceSize),
  };
  const hardware = version.hardware;
  if (hardware === null || Object.values(wanted).includes(null)) throw new PriceNotFoundError("huggingface", hardware);
  const namespace = version.ref.slice("huggingface:".length).split("/")[0] ?? "";
  const catalogue = await context.once(`provider ${namespace}`, () => client.listProviders({ namespace }, { signal: context.signal }));
  const vendor = items<HuggingFaceVendor>(received(catalogue).vendors).find((v) => text(received(v).name) === wanted.vendor);
  const region = items<HuggingFaceRegion>(received(vendor).regions).find((r) => text(received(r).name) === wanted.region);
  const entry = items<HuggingFaceCatalogueCompute>(received(region).computes).find((c) => {
    const offered = received(c);
    return text(offered.instanceType) === wanted.instanceType && text(offered.instanceSize) === wanted.instanceSize;
  });
  if (entry === undefined) throw new PriceNotFoundError("huggingface", hardware);
  const perHour = entry.pricePerHour;
  return {
    hardware,
    perReplicaHour: hourlyRateToMicroUsd(perHour, "usd/hour", { provider: "huggingface", field: `pricePerHour of ${hardware}` }),
    listed: { value: perHour, unit: "usd/hour" },
  };
}
