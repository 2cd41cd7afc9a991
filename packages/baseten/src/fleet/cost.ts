import { PriceNotFoundError, UsageWindowError } from "@modelfleet/runtime";
import {
  amountToMicroUsd,
  type CostContext,
  count,
  hourlyRateToMicroUsd,
  items,
  received,
  text,
  type UnitPrice,
  type Usage,
  type UsageWindow,
} from "@modelfleet/runtime/fleet";
import type { BasetenClient, BasetenDedicatedItem, BasetenInstanceTypePrice } from "../generated/index.js";
import type { BasetenFleetVersion } from "./types.js";

/** The longest usage window `GET /v1/billing/usage_summary` accepts. */
const MAX_WINDOW_MS = 31 * 24 * 60 * 60 * 1000;
/** The earliest instant `GET /v1/billing/usage_summary` can be asked about. */
const EARLIEST_USAGE = new Date("2026-01-01T00:00:00Z");

/**
 * The price of one replica: `price` (USD per minute) of the deployment's instance type in
 * `GET /v1/instance_type_prices`, read once per cost call. A deployment's `instance_type_name` is matched against
 * the catalogue's instance type `name` (what Baseten's own examples show) or `id`.
 */
export async function basetenPrice(client: BasetenClient, version: BasetenFleetVersion, context: CostContext): Promise<UnitPrice> {
  const hardware = version.hardware;
  if (hardware === null) throw new PriceNotFoundError("baseten", null);
  const catalogue = await context.once("instance_type_prices", () => client.listInstanceTypePrices(undefined, { signal: context.signal }));
  const entry = items<BasetenInstanceTypePrice>(received(catalogue).instance_types).find((item) => {
    const type = received(received(item).instance_type);
    return text(type.name) === hardware || text(type.id) === hardware;
  });
  if (entry === undefined) throw new PriceNotFoundError("baseten", hardware);
  const perMinute = entry.price;
  return {
    hardware,
    perReplicaHour: hourlyRateToMicroUsd(perMinute, "usd/minute", { provider: "baseten", field: `price of ${hardware}` }),
    listed: { value: perMinute, unit: "usd/minute" },
  };
}

/**
 * Spend (`subtotal`, US dollars after credits) and `inference_requests` of the deployment in
 * `GET /v1/billing/usage_summary`, one summary per window and cost call. Baseten refuses windows over 31 days or
 * starting before 2026-01-01, so those fail before any request. A deployment missing from the breakdown is left
 * without figures: the summary lists what was billed, and saying 0 would be a guess.
 */
export async function basetenUsage(
  client: BasetenClient,
  version: BasetenFleetVersion,
  window: UsageWindow,
  context: CostContext,
): Promise<Usage> {
  if (window.to.getTime() - window.from.getTime() > MAX_WINDOW_MS) {
    throw new UsageWindowError("baseten", "the billing usage summary covers 31 days at most; ask for a shorter window");
  }
  if (window.from < EARLIEST_USAGE) {
    throw new UsageWindowError("baseten", "the billing usage summary starts on 2026-01-01; ask for a window after it");
  }
  const start_date = window.from.toISOString();
  const end_date = window.to.toISOString();
  const summary = await context.once(`usage_summary ${start_date} ${end_date}`, () =>
    client.getUsageSummary({ start_date, end_date }, { signal: context.signal }),
  );
  const item = items<BasetenDedicatedItem>(received(received(summary).dedicated_usage).breakdown).find((entry) => {
    const resource = received(received(entry).billable_resource);
    return text(resource.id) === version.version && (text(resource.kind) ?? "MODEL_DEPLOYMENT") === "MODEL_DEPLOYMENT";
  });
  if (item === undefined) return {};
  const usage: Usage = {
    spend: amountToMicroUsd(item.subtotal, "usd", { provider: "baseten", field: `subtotal of deployment ${version.version}` }),
  };
  const requests = count(item.inference_requests);
  if (requests !== null) usage.requests = requests;
  return usage;
}
