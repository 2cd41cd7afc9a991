import { InvalidPriceError, PriceNotFoundError } from "@modelfleet/runtime";
import type { CostContext, FleetProvider, MicroUsd, ModelVersion, UnitPrice, Usage } from "@modelfleet/runtime/fleet";
import { type ProviderFailure, type UnusableItem, UnusableItemError } from "../errors.js";
import type { CompiledPriceTable } from "./price-table.js";
import { CostSum } from "./totals.js";
import type { CostFigure, CostReport, DeploymentCost, ProviderCostTotal, Range, UnitPriceFigure, UnusedPrice } from "./types.js";
import type { CostWindow } from "./window.js";

/** One provider of a cost run: its client, or why there is none (a missing key). */
export interface CostEntry {
  provider: FleetProvider;
  /** Versions to report on instead of the provider's listing. */
  versions?: readonly ModelVersion[];
  client?: unknown;
  error?: unknown;
}

/** What the facade hands the cost run. Internal. */
export interface CostRun {
  entries: readonly CostEntry[];
  concurrency: number;
  window: CostWindow;
  table: CompiledPriceTable;
  /** Whether to read usage (spend, requests). */
  usage: boolean;
  signal: AbortSignal | undefined;
  /** Why a listed version cannot be reported (its reference would not read back), as for listings. */
  unusable: (provider: FleetProvider, version: ModelVersion) => UnusableItem | undefined;
  onProviderSettled: ((provider: string) => void) | undefined;
}

/** How many listed deployments may wait for their reads at once (see `providerCost`). */
const LOOKAHEAD = 256;

interface ProviderPart {
  deployments: DeploymentCost[];
  failures: unknown[];
  used: Set<string>;
}

/**
 * Runs a cost report: at most `concurrency` providers at a time, as listings do; per provider, its listing is
 * streamed and each deployment's price and usage read with at most `concurrency` reads in flight, so that only the
 * per-deployment results are kept, never the listed objects.
 */
export async function runCost(run: CostRun): Promise<CostReport> {
  const parts = new Map<string, ProviderPart | { error: unknown }>();
  let next = 0;
  const worker = async () => {
    while (next < run.entries.length) {
      const entry = run.entries[next++] as CostEntry;
      let part: ProviderPart | { error: unknown };
      try {
        if (entry.error !== undefined) throw entry.error;
        part = await providerCost(entry, run);
      } catch (error) {
        if (run.signal?.aborted) throw run.signal.reason;
        part = { error };
      }
      parts.set(entry.provider.id, part);
      run.onProviderSettled?.(entry.provider.id);
    }
  };
  await Promise.all(Array.from({ length: Math.min(run.concurrency, run.entries.length) }, worker));

  const report: CostReport = {
    window: run.window,
    deployments: [],
    providers: [],
    total: new CostSum().total(),
    failures: [],
    unusedPrices: [],
  };
  const fleetSum = new CostSum();
  // In the order the providers were given, so that a report reads the same however fast each one answered.
  for (const { provider } of run.entries) {
    const part = parts.get(provider.id) as ProviderPart | { error: unknown };
    if ("error" in part) {
      report.failures.push({ provider: provider.id, error: part.error });
      continue;
    }
    const sum = new CostSum();
    for (const cost of part.deployments) {
      sum.add(cost);
      fleetSum.add(cost);
      report.deployments.push(cost);
    }
    const total: ProviderCostTotal = { provider: provider.id, idleTimeout: provider.idleTimeout ?? null, ...sum.total() };
    report.providers.push(total);
    for (const error of part.failures) report.failures.push({ provider: provider.id, error } satisfies ProviderFailure);
    for (const sku of run.table.get(provider.id)?.keys() ?? []) {
      if (!part.used.has(sku)) report.unusedPrices.push({ provider: provider.id, sku } satisfies UnusedPrice);
    }
  }
  report.total = fleetSum.total();
  return report;
}

async function providerCost({ provider, client, versions }: CostEntry, run: CostRun): Promise<ProviderPart> {
  const loads = new Map<string, Promise<unknown>>();
  const context: CostContext = {
    signal: run.signal,
    concurrency: run.concurrency,
    once<V>(key: string, load: () => Promise<V>): Promise<V> {
      let loading = loads.get(key) as Promise<V> | undefined;
      if (!loading) {
        loading = load();
        // Every caller awaits it; this only keeps a rejection nobody awaits yet from being reported as unhandled.
        loading.catch(() => {});
        loads.set(key, loading);
      }
      return loading;
    },
  };
  const part: ProviderPart = { deployments: [], failures: [], used: new Set() };
  const failureKeys = new Set<string>();
  // A failure that is not about one deployment (a refused window, a catalogue that did not load) is reported once
  // for the provider, besides each deployment's unknown figure.
  const providerWide = (error: unknown) => {
    if (PriceNotFoundError.isInstance(error) || InvalidPriceError.isInstance(error)) return;
    const key = error instanceof Error ? `${error.name}:${error.message}` : String(error);
    if (failureKeys.has(key)) return;
    failureKeys.add(key);
    part.failures.push(error);
  };
  const table = run.table.get(provider.id);
  const bad: UnusableItem[] = [];
  // `concurrency` workers read prices and usage while the listing runs ahead by up to LOOKAHEAD deployments: the
  // first reads wait for the catalogue without stalling the listing, and no more than that many listed objects
  // are held at once, whatever the fleet's size.
  const queue: { version: ModelVersion; at: number }[] = [];
  const idle: (() => void)[] = [];
  let space: (() => void) | undefined;
  let listed = false;
  const wake = () => {
    for (const resume of idle.splice(0)) resume();
  };
  const worker = async () => {
    for (;;) {
      const item = queue.shift();
      if (!item) {
        if (listed) return;
        await new Promise<void>((resume) => idle.push(resume));
        continue;
      }
      space?.();
      space = undefined;
      const cost = await deploymentCost(provider, client, item.version, context, run, providerWide);
      part.deployments[item.at] = cost;
      if (table && cost.unitPrice.source === "price-table" && cost.hardware !== null) part.used.add(cost.hardware);
    }
  };
  const workers = Array.from({ length: run.concurrency }, worker);
  let index = 0;
  try {
    for await (const version of versions ?? provider.listDeployments(client, context)) {
      const why = run.unusable(provider, version);
      if (why) {
        bad.push(why);
        continue;
      }
      queue.push({ version, at: index++ });
      wake();
      if (queue.length >= LOOKAHEAD) await new Promise<void>((resume) => (space = resume));
    }
  } finally {
    listed = true;
    wake();
    await Promise.all(workers);
  }
  if (run.signal?.aborted) throw run.signal.reason;
  if (bad.length) part.failures.push(new UnusableItemError(provider.id, bad));
  return part;
}

/** One deployment's figures. Never rejects: whatever fails becomes an unknown figure with its reason. */
async function deploymentCost(
  provider: FleetProvider,
  client: unknown,
  version: ModelVersion,
  context: CostContext,
  run: CostRun,
  providerWide: (error: unknown) => void,
): Promise<DeploymentCost> {
  const table = run.table.get(provider.id);
  const replicas = replicasOf(version);
  const [price, usage] = await Promise.all([
    provider.capabilities.price && provider.price
      ? provider.price(client, version, context).then(
          (value): { value: UnitPrice } => ({ value }),
          (error: unknown) => ({ error }),
        )
      : undefined,
    run.usage && provider.capabilities.usage && provider.usage
      ? provider.usage(client, version, run.window, context).then(
          (value): { value: Usage } => ({ value }),
          (error: unknown) => ({ error }),
        )
      : undefined,
  ]);
  if (price && "error" in price) providerWide(price.error);
  if (usage && "error" in usage) providerWide(usage.error);
  const api = price && "value" in price ? price.value : undefined;

  // A table entry wins over the API's price; it may name the catalogue's SKU or the deployment's own hardware.
  const key = [api?.hardware, version.hardware].find((k): k is string => typeof k === "string" && table?.has(k) === true);
  let hardware = api?.hardware ?? version.hardware;
  let unitPrice: UnitPriceFigure;
  if (key !== undefined) {
    hardware = key;
    unitPrice = { value: table?.get(key) as MicroUsd, source: "price-table", ...(api ? { overrides: api.perReplicaHour } : {}) };
  } else if (api) {
    unitPrice = { value: api.perReplicaHour, source: "api" };
  } else if (price && "error" in price) {
    unitPrice = unknown(`no price: ${describe(price.error)}`);
  } else {
    // The provider's own words say why and what to do; the hardware is the key a price table entry needs.
    const why = provider.unsupported?.price;
    if (why) unitPrice = unknown(`${why}; ${hardware ? `this one runs on ${hardware}` : "this one reports no hardware"}`);
    else if (hardware) unitPrice = unknown(`${provider.name} has no price API; price ${hardware} in a price table`);
    else unitPrice = unknown(`${provider.name} has no price API, and the deployment reports no hardware to price`);
  }

  const usageValue = usage && "value" in usage ? usage.value : undefined;
  const usageUnknown = (what: string) => {
    if (!run.usage) return "usage was not asked for";
    if (usage === undefined) {
      const why = provider.unsupported?.usage;
      return why ?? `${provider.name} reports no usage`;
    }
    if ("error" in usage) return `no usage: ${describe(usage.error)}`;
    return `${provider.name} reports no ${what} for this deployment`;
  };
  const spend: CostFigure<MicroUsd> = isCount(usageValue?.spend)
    ? { value: usageValue.spend, source: "api" }
    : unknown(usageUnknown("spend"));
  const requests: CostFigure<number> = isCount(usageValue?.requests)
    ? { value: usageValue.requests, source: "api" }
    : unknown(usageUnknown("request count"));

  return {
    ref: version.ref,
    provider: version.provider,
    status: version.status,
    hardware,
    replicas,
    scaling: version.scaling,
    unitPrice,
    ratePerHour: rateOf(unitPrice, replicas),
    spend,
    requests,
    idle: idleOf(requests, replicas),
  };
}

/** Replicas running: 0 when stopped or deleted, the count when reported, else the bounds when both are known. */
function replicasOf(version: ModelVersion): number | Range<number> | null {
  if (version.status === "stopped" || version.status === "deleted") return 0;
  if (isCount(version.replicas)) return version.replicas;
  const { min, max } = version.scaling ?? { min: null, max: null };
  if (isCount(min) && isCount(max) && min <= max) return { min, max };
  return null;
}

function rateOf(unitPrice: UnitPriceFigure, replicas: number | Range<number> | null): CostFigure<MicroUsd | Range<MicroUsd>> {
  // Nothing running costs nothing, whatever the price.
  if (replicas === 0) return { value: 0, source: "derived" };
  if (unitPrice.source === "unknown") return unknown(unitPrice.reason);
  if (replicas === null) return unknown("the platform reports neither running replicas nor replica bounds");
  const times = (n: number) => unitPrice.value * n;
  const value = typeof replicas === "number" ? times(replicas) : { min: times(replicas.min), max: times(replicas.max) };
  const fits = typeof value === "number" ? Number.isSafeInteger(value) : Number.isSafeInteger(value.max);
  if (!fits) return unknown("the rate is beyond what can be counted exactly");
  return { value, source: unitPrice.source };
}

function idleOf(requests: CostFigure<number>, replicas: number | Range<number> | null): CostFigure<boolean> {
  if (requests.source === "unknown") return unknown(`requests are unknown (${requests.reason})`);
  if (requests.value > 0) return { value: false, source: "derived" };
  if (replicas === 0) return { value: false, source: "derived" };
  const running = typeof replicas === "number" ? replicas > 0 : replicas !== null && replicas.min > 0;
  if (running) return { value: true, source: "derived" };
  return unknown("no request in the window, but whether a replica is running is not reported");
}

function unknown(reason: string): { source: "unknown"; reason: string } {
  return { source: "unknown", reason };
}

function isCount(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
