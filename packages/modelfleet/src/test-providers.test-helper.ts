// Two made-up providers built on the public contract only, so the facade's own tests show that nothing in it
// depends on a built-in provider. `alpha` can scale, `beta` cannot.
import { type ClientOptions, ConfigurationError } from "@modelfleet/runtime";
import {
  type Capabilities,
  checkSegment,
  connectProvider,
  type FleetProvider,
  type ModelVersion,
  splitOnce,
} from "@modelfleet/runtime/fleet";

/** What a made-up client holds: its versions by model, and every call made. */
export interface TestClient {
  options: ClientOptions;
  calls: string[];
  versions: Record<string, { version: string; status: string; min: number }[]>;
  /** When set, every call fails with it (after `delayMs`). */
  failure?: Error;
  delayMs?: number;
}

interface TestTypes<Id extends string, Scale extends boolean> {
  id: Id;
  client: TestClient;
  versionRef: `${Id}:${string}@${string}`;
  modelRef: `${Id}:${string}`;
  versionParts: { model: string; version: string };
  modelParts: { model: string };
  raw: { version: string; status: string; min: number };
  capabilities: Capabilities & { getVersion: true; listVersions: true; listDeployments: true; scale: Scale };
}

export type AlphaProvider = FleetProvider<TestTypes<"alpha", true>>;
export type BetaProvider = FleetProvider<TestTypes<"beta", false>>;

const wait = (ms: number, signal: AbortSignal | undefined) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });

function make<Id extends string, Scale extends boolean>(id: Id, scale: Scale, clients: TestClient[], options?: ClientOptions) {
  type T = TestTypes<Id, Scale>;
  const normalize = (model: string, raw: T["raw"]): ModelVersion<Id, T["versionRef"], T["raw"]> => ({
    ref: `${id}:${model}@${raw.version}`,
    provider: id,
    model,
    version: raw.version,
    status: raw.status === "up" ? "ready" : "unknown",
    providerStatus: raw.status,
    createdAt: null,
    updatedAt: null,
    scaling: { min: raw.min, max: null },
    replicas: null,
    hardware: null,
    raw,
  });
  const call = async (client: TestClient, what: string, signal: AbortSignal | undefined) => {
    client.calls.push(what);
    if (client.delayMs) await wait(client.delayMs, signal);
    if (client.failure) throw client.failure;
  };
  const find = (client: TestClient, model: string, version: string) => {
    const raw = client.versions[model]?.find((v) => v.version === version);
    if (!raw) throw new Error(`no ${model}@${version}`);
    return raw;
  };
  const provider: FleetProvider<T> = {
    id,
    capabilities: { getVersion: true, listVersions: true, listDeployments: true, scale } as T["capabilities"],
    unsupported: scale ? {} : { scale: `${id} cannot scale` },
    versionRef: {
      form: `${id}:<model>@<version>`,
      parse(rest, bad) {
        const [model, version] = splitOnce(rest, "@", bad, "version");
        checkSegment(model, "model", bad);
        checkSegment(version, "version", bad);
        return { model, version };
      },
      format: (parts) => `${parts.model}@${parts.version}`,
    },
    modelRef: {
      form: `${id}:<model>`,
      parse(rest, bad) {
        checkSegment(rest, "model", bad);
        return { model: rest };
      },
      format: (parts) => parts.model,
    },
    ...connectProvider(
      { id, name: id.toUpperCase(), envVar: `${id.toUpperCase()}_API_KEY` },
      (clientOptions: ClientOptions) => {
        if (!clientOptions.apiKey) throw new ConfigurationError("apiKey", `${id} needs an apiKey`);
        if (clientOptions.baseUrl !== undefined && !clientOptions.baseUrl.startsWith("https:")) {
          throw new ConfigurationError("baseUrl", "baseUrl must use https");
        }
        const client: TestClient = { options: clientOptions, calls: [], versions: {} };
        clients.push(client);
        return client;
      },
      options,
    ),
    async getVersion(client, ref, { signal }) {
      await call(client, `get ${ref.model}@${ref.version}`, signal);
      return normalize(ref.model, find(client, ref.model, ref.version));
    },
    async *listVersions(client, ref, { signal }) {
      await call(client, `versions ${ref.model}`, signal);
      for (const raw of client.versions[ref.model] ?? []) yield normalize(ref.model, raw);
    },
    async *listDeployments(client, { signal }) {
      await call(client, "deployments", signal);
      for (const [model, versions] of Object.entries(client.versions)) for (const raw of versions) yield normalize(model, raw);
    },
  };
  if (scale) {
    provider.scale = async (client, ref, bounds, { signal }) => {
      await call(client, `scale ${ref.model}@${ref.version} ${bounds.min}-${bounds.max}`, signal);
      const raw = find(client, ref.model, ref.version);
      raw.min = bounds.min;
      return normalize(ref.model, raw);
    };
  }
  return provider;
}

/** A made-up provider that can scale; every client it creates is pushed onto `clients`. */
export function alpha(clients: TestClient[], options?: ClientOptions): AlphaProvider {
  return make("alpha", true, clients, options);
}

/** A made-up provider without scaling. */
export function beta(clients: TestClient[], options?: ClientOptions): BetaProvider {
  return make("beta", false, clients, options);
}
