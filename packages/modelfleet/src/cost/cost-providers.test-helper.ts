// Two made-up providers on the public contract only, for the cost facade's own tests: `meter` has a price
// catalogue and an account-wide usage report (each loaded through CostContext.once), `plain` has neither, so its
// prices can come only from a price table.
import { type ClientOptions, PriceNotFoundError, UsageWindowError } from "@modelfleet/runtime";
import {
  amountToMicroUsd,
  type Capabilities,
  checkSegment,
  connectProvider,
  type FleetProvider,
  hourlyRateToMicroUsd,
  type ModelVersion,
} from "@modelfleet/runtime/fleet";

/** One deployment as the made-up platform holds it. */
export interface FakeDeployment {
  name: string;
  hardware: string | null;
  up: boolean;
  /** Replicas running, when the platform reports them. */
  running: number | null;
  min: number | null;
  max: number | null;
}

/** What a made-up client holds, and every call it made. */
export interface CostClient {
  deployments: FakeDeployment[];
  /** USD per replica-hour by hardware, as the catalogue sends it. */
  catalogue: Record<string, string>;
  /** Per deployment name: spend in cents and requests, each only where the platform reports it. */
  usage: Record<string, { cents?: number; requests?: number }>;
  calls: string[];
  /** The catalogue request fails with this. */
  catalogueFailure?: Error;
  /** The longest window the usage report accepts, in days. */
  maxWindowDays?: number;
  /** Usage read once per deployment (each waiting `delayMs`) rather than once for the account. */
  usagePerDeployment?: boolean;
  delayMs?: number;
  /** The most usage reads seen in flight at once. */
  peakUsageReads: number;
}

interface CostTypes<Id extends string, Caps extends Capabilities> {
  id: Id;
  client: CostClient;
  versionRef: `${Id}:${string}`;
  modelRef: `${Id}:${string}`;
  versionParts: { name: string };
  modelParts: { name: string };
  raw: FakeDeployment;
  capabilities: Caps;
}

type MeterCaps = { getVersion: true; listVersions: true; listDeployments: true; scale: true; price: true; usage: true; stop: true };
type PlainCaps = { getVersion: true; listVersions: true; listDeployments: true; scale: false; price: false; usage: false; stop: true };
export type MeterProvider = FleetProvider<CostTypes<"meter", MeterCaps>>;
export type PlainProvider = FleetProvider<CostTypes<"plain", PlainCaps>>;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function base<Id extends string, Caps extends Capabilities>(id: Id, capabilities: Caps, clients: CostClient[], options?: ClientOptions) {
  type T = CostTypes<Id, Caps>;
  const normalize = (d: FakeDeployment): ModelVersion<Id, T["versionRef"], FakeDeployment> => ({
    ref: `${id}:${d.name}`,
    provider: id,
    model: d.name,
    version: d.name,
    status: d.up ? "ready" : "stopped",
    providerStatus: d.up ? "up" : "off",
    createdAt: null,
    updatedAt: null,
    scaling: d.min === null && d.max === null ? null : { min: d.min, max: d.max },
    replicas: d.running,
    hardware: d.hardware,
    raw: d,
  });
  const grammar = {
    form: `${id}:<name>`,
    parse(rest: string, bad: (why: string) => never) {
      checkSegment(rest, "name", bad);
      return { name: rest };
    },
    format: (parts: { name: string }) => parts.name,
  };
  const provider: FleetProvider<T> = {
    id,
    capabilities,
    versionRef: grammar,
    modelRef: grammar,
    ...connectProvider(
      { id, name: id.toUpperCase(), envVar: `${id.toUpperCase()}_API_KEY` },
      (clientOptions: ClientOptions) => {
        const client: CostClient = { deployments: [], catalogue: {}, usage: {}, calls: [], peakUsageReads: 0 };
        void clientOptions;
        clients.push(client);
        return client;
      },
      options,
    ),
    async getVersion(client, ref) {
      const found = client.deployments.find((d) => d.name === ref.name);
      if (!found) throw new Error(`no ${ref.name}`);
      return normalize(found);
    },
    async *listVersions(client, ref) {
      for (const d of client.deployments) if (d.name === ref.name) yield normalize(d);
    },
    async *listDeployments(client) {
      client.calls.push("list");
      for (const d of client.deployments) yield normalize(d);
    },
  };
  return { provider, normalize };
}

/** A provider with a price catalogue and a usage report; its idle setting is named. */
export function meter(clients: CostClient[], options?: ClientOptions): MeterProvider {
  const caps: MeterCaps = {
    getVersion: true,
    listVersions: true,
    listDeployments: true,
    scale: true,
    price: true,
    usage: true,
    stop: true,
  };
  const made = base("meter", caps, clients, options);
  const { normalize } = made;
  const provider: MeterProvider = { ...made.provider, idleTimeout: "Meter's `idle_minutes` stops a deployment after inactivity" };
  let inFlight = 0;
  provider.scale = async (client, ref, bounds) => {
    const found = client.deployments.find((d) => d.name === ref.name) as FakeDeployment;
    Object.assign(found, bounds);
    return normalize(found);
  };
  provider.stop = async (client, ref) => normalize(client.deployments.find((d) => d.name === ref.name) as FakeDeployment);
  provider.price = async (client, version, context) => {
    const catalogue = await context.once("catalogue", async () => {
      client.calls.push("catalogue");
      if (client.delayMs) await pause(client.delayMs);
      if (client.catalogueFailure) throw client.catalogueFailure;
      return client.catalogue;
    });
    const hardware = version.hardware;
    const listed = hardware === null ? undefined : catalogue[hardware];
    if (hardware === null || listed === undefined) {
      throw new PriceNotFoundError("meter", hardware, `Meter's catalogue has no price for ${hardware ?? "a deployment without hardware"}`);
    }
    return { hardware, perReplicaHour: hourlyRateToMicroUsd(listed, "usd/hour"), listed: { value: listed, unit: "usd/hour" } };
  };
  provider.usage = async (client, version, window, context) => {
    const days = (window.to.getTime() - window.from.getTime()) / 86_400_000;
    if (client.maxWindowDays !== undefined && days > client.maxWindowDays) {
      throw new UsageWindowError("meter", `Meter reports usage over ${client.maxWindowDays} days at most`);
    }
    let report: CostClient["usage"];
    if (client.usagePerDeployment) {
      inFlight++;
      client.peakUsageReads = Math.max(client.peakUsageReads, inFlight);
      client.calls.push(`usage ${version.model}`);
      await pause(client.delayMs ?? 1);
      inFlight--;
      report = client.usage;
    } else {
      report = await context.once(`usage ${window.from.toISOString()}`, async () => {
        client.calls.push("usage");
        if (client.delayMs) await pause(client.delayMs);
        return client.usage;
      });
    }
    const own = report[version.model];
    return {
      ...(own?.cents !== undefined ? { spend: amountToMicroUsd(own.cents, "cents") } : {}),
      ...(own?.requests !== undefined ? { requests: own.requests } : {}),
    };
  };
  return provider;
}

/** A provider without prices or usage: it says why, as a provider lacking a verb does. */
export function plain(clients: CostClient[], options?: ClientOptions): PlainProvider {
  const caps: PlainCaps = {
    getVersion: true,
    listVersions: true,
    listDeployments: true,
    scale: false,
    price: false,
    usage: false,
    stop: true,
  };
  const { provider, normalize } = base("plain", caps, clients, options);
  provider.stop = async (client, ref) => normalize(client.deployments.find((d) => d.name === ref.name) as FakeDeployment);
  return { ...provider, unsupported: { scale: "plain cannot scale", price: "its API has no prices", usage: "its API reports no usage" } };
}
