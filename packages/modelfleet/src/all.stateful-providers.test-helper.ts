import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { type AllFleetOptions, createFleet } from "./all.js";

/** Keys as a user's environment would hold them; no plan, result, error or output may contain one. */
export const KEYS = {
  SIEVE_API_KEY: "sieve-key-SECRET-plan-1",
  MODZY_API_KEY: "modzy-key-SECRET-plan-2",
  DEEPINFRA_API_KEY: "deepinfra-key-SECRET-plan-3",
  OPPER_API_KEY: "opper-key-SECRET-plan-4",
};

/** A deployment or version the fake holds; writes change it, reads return it. */
export interface FakeDeployment {
  status: string;
  min: number;
  max: number;
  /**
   * Running replicas the platform reports (DeepInfra `instances.running`, Sieve `current_workers.active`); absent:
   * the fake sends no such field, so the version's `replicas` is `null`.
   */
  replicas?: number;
  /** Hardware in the platform's words (DeepInfra `config.gpu`, Sieve `compute_type`); DeepInfra defaults to `A100-80GB`. */
  hardware?: string;
  /** DeepInfra `config.num_gpus` (default 1). */
  gpus?: number;
  /**
   * What the platform's usage endpoint reports for this deployment, in its own units: DeepInfra `/deploy/{id}/stats`
   * (`requests`, `total_amount` in integer cents), Sieve `/v2/usage/...` (`total_cost_dollars`). Absent: zeros.
   */
  usage?: { requests?: number; cents?: number; dollars?: number };
}

/** Price catalogues the fakes serve, in the platforms' units. */
export interface FakeCatalogues {
  /** DeepInfra `GET /deploy/llm/gpu_availability`: `gpu_config` → `usd_per_hour` (a JSON number or anything hostile). */
  deepinfra: Record<string, unknown>;
}

/** What each fake provider holds, keyed by the id its API uses. */
export interface FakeWorld {
  /** By deploy id. */
  deepinfra: Record<string, FakeDeployment>;
  /** By `owner/function`: its versions by id, the last one being `latest`. */
  sieve: Record<string, Record<string, FakeDeployment>>;
  /** By `modelId@version`. */
  modzy: Record<string, FakeDeployment>;
  /** By `functionId@revisionId`. */
  opper: Record<string, { name: string }>;
  /** Price catalogues; absent: DeepInfra answers with an empty list. */
  catalogues?: FakeCatalogues;
}

/** A request as the fake received it. */
export interface SeenRequest {
  method: string;
  provider: string;
  path: string;
  /** The query string's parameters (the last value of a repeated one). */
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  body: unknown;
}

/** A canned answer that replaces the fake's own. */
export interface Override {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/**
 * Sieve, Modzy, DeepInfra and Opper on one loopback `node:http` server (each under its own path prefix), keeping
 * state: a scale, start or stop changes what the next read returns. `intercept` sees every request first and may
 * answer it instead (a failure), change the world, or delay.
 */
export async function startStatefulProviders(world: FakeWorld) {
  const requests: SeenRequest[] = [];
  let intercept: ((request: SeenRequest) => Override | undefined | Promise<Override | undefined>) | undefined;
  const server = createServer(async (incoming, outgoing) => {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    const url = new URL(incoming.url ?? "/", "http://127.0.0.1");
    const [, provider = "", ...rest] = url.pathname.split("/");
    const request: SeenRequest = {
      method: incoming.method ?? "GET",
      provider,
      path: `/${rest.map(decodeURIComponent).join("/")}`,
      query: Object.fromEntries(url.searchParams),
      headers: incoming.headers,
      body: text ? JSON.parse(text) : undefined,
    };
    requests.push(request);
    const reply = (await intercept?.(request)) ?? route(world, request);
    if (outgoing.destroyed) return;
    outgoing.writeHead(reply.status, { "content-type": "application/json", ...reply.headers });
    outgoing.end(JSON.stringify(reply.body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    world,
    requests,
    /** Requests that change something (anything but GET). */
    writes: () => requests.filter((r) => r.method !== "GET"),
    intercept(fn: typeof intercept) {
      intercept = fn;
    },
    /** A fleet whose every provider points here, keys from {@link KEYS}; `options` adds to or overrides it. */
    fleet(options: AllFleetOptions = {}) {
      return createFleet({
        env: KEYS,
        maxRetries: 0,
        sieve: { baseUrl: `${origin}/sieve` },
        modzy: { baseUrl: `${origin}/modzy` },
        deepinfra: { baseUrl: `${origin}/deepinfra` },
        // Opper's v2 API is the one this fake speaks (under /opper); v3 stays out of the fleet.
        opper: false,
        "opper-v2": { baseUrl: `${origin}/opper` },
        ...options,
      });
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const ok = (body: unknown): Override => ({ status: 200, body });
const notFound = (body: unknown): Override => ({ status: 404, body });

function route(world: FakeWorld, { method, provider, path, body }: SeenRequest): Override {
  const parts = path.split("/").slice(1);
  const call = `${method} ${provider}`;
  // DeepInfra
  if (call === "GET deepinfra" && path === "/deploy/list") return ok(Object.keys(world.deepinfra).map((id) => deepinfraBody(world, id)));
  if (call === "GET deepinfra" && path === "/deploy/llm/gpu_availability") {
    const gpus = Object.entries(world.catalogues?.deepinfra ?? {});
    return ok({ gpus: gpus.map(([gpu_config, usd_per_hour]) => ({ gpu_config, usd_per_hour, available: true, recommended: false })) });
  }
  if (provider === "deepinfra" && parts[0] === "deploy" && parts[1]) {
    const id = parts[1];
    const d = world.deepinfra[id];
    if (!d) return notFound({ error: "Deployment not found" });
    if (method === "GET" && parts.length === 2) return ok(deepinfraBody(world, id));
    if (method === "PUT" && parts.length === 2) {
      const settings = (body as { settings: { min_instances: number; max_instances: number } }).settings;
      Object.assign(d, { min: settings.min_instances, max: settings.max_instances });
      return ok({ deploy_id: id });
    }
    if (method === "POST" && (parts[2] === "start" || parts[2] === "stop")) {
      d.status = parts[2] === "start" ? "running" : "stopped";
      return ok({ deploy_id: id });
    }
    if (method === "GET" && parts[2] === "stats" && parts.length === 3) {
      const requests = d.usage?.requests ?? 0;
      return ok({
        requests,
        total_time: requests,
        total_tokens: 0,
        input_tokens: 0,
        output_tokens: 0,
        total_amount: d.usage?.cents ?? 0,
        avg_time: 0,
        avg95_time: 0,
        errors: 0,
      });
    }
  }
  // Sieve usage: /v2/usage/function/{owner}/{fn}/versions/{slug}
  if (call === "GET sieve" && parts[1] === "usage" && parts[2] === "function" && parts[5] === "versions" && parts.length === 7) {
    const versions = world.sieve[`${parts[3]}/${parts[4]}`];
    const v = versions?.[parts[6] as string];
    if (!v) return notFound({ detail: "Function version not found." });
    return ok({ total_compute_seconds: 0, total_cost_dollars: v.usage?.dollars ?? 0 });
  }
  // Sieve: /v2/functions, /v2/functions/{owner}/{fn}/versions/{slug}[/edit]
  if (call === "GET sieve" && path === "/v2/functions") {
    return ok(
      Object.entries(world.sieve).map(([name, versions]) => {
        const [owner, fn] = name.split("/");
        const latest = Object.keys(versions).at(-1) as string;
        return { owner_name: owner, name: fn, latest_version: sieveBody(latest, versions[latest] as FakeDeployment) };
      }),
    );
  }
  if (provider === "sieve" && parts[1] === "functions" && parts[4] === "versions") {
    const versions = world.sieve[`${parts[2]}/${parts[3]}`];
    const slug = parts[5] === "latest" && versions ? Object.keys(versions).at(-1) : parts[5];
    const v = versions && slug ? versions[slug] : undefined;
    if (!v || !slug) return notFound({ detail: "Function version not found." });
    if (method === "POST" && parts[6] === "edit") {
      const edit = body as { minimum_replicas: number; maximum_replicas: number };
      Object.assign(v, { min: edit.minimum_replicas, max: edit.maximum_replicas });
    }
    return ok(sieveBody(slug, v));
  }
  // Modzy: /models, /models/{id}/versions/{v}
  if (call === "GET modzy" && path === "/models") {
    const latest = new Map<string, string>();
    for (const key of Object.keys(world.modzy)) latest.set(key.split("@")[0] as string, key.split("@")[1] as string);
    return ok([...latest].map(([modelId, latestVersion]) => ({ modelId, latestVersion })));
  }
  if (provider === "modzy" && parts[0] === "models" && parts[2] === "versions") {
    const key = `${parts[1]}@${parts[3]}`;
    const v = world.modzy[key];
    if (!v) return notFound({ statusCode: 404, status: "error", message: "version not found" });
    if (method === "PATCH") {
      const patch = body as { processing?: { minimumParallelCapacity: number; maximumParallelCapacity: number }; status?: string };
      if (patch.processing)
        Object.assign(v, { min: patch.processing.minimumParallelCapacity, max: patch.processing.maximumParallelCapacity });
      if (patch.status) v.status = patch.status;
    }
    return ok({
      version: parts[3],
      status: v.status,
      model: { modelId: parts[1] },
      processing: { minimumParallelCapacity: v.min, maximumParallelCapacity: v.max },
    });
  }
  // Opper: /functions, /functions/{id}/revisions/{rev}
  if (call === "GET opper" && path === "/functions") {
    const data = Object.entries(world.opper).map(([key, f]) => ({ id: key.split("@")[0], name: f.name, revision_id: key.split("@")[1] }));
    return ok({ meta: { total_count: data.length }, data });
  }
  if (call === "GET opper" && parts[0] === "functions" && parts[2] === "revisions") {
    const f = world.opper[`${parts[1]}@${parts[3]}`];
    if (!f) return notFound({ type: "NotFoundError", message: "Function revision not found", detail: "Function revision not found" });
    return ok({ id: parts[1], name: f.name, instructions: "", revision_id: parts[3] });
  }
  return notFound({ error: `no route for ${method} /${provider}${path}`, detail: "no route", message: "no route" });
}

function deepinfraBody(world: FakeWorld, id: string) {
  const d = world.deepinfra[id] as FakeDeployment;
  return {
    deploy_id: id,
    model_name: "acme/llama",
    version: "v1",
    task: "text-generation",
    status: d.status,
    fail_reason: "",
    created_at: "2026-01-01T00:00:00Z",
    updated_at: "2026-01-01T00:00:00Z",
    settings: { min_instances: d.min, max_instances: d.max },
    ...(d.replicas === undefined ? {} : { instances: { running: d.replicas, pending: 0 } }),
    // A token the provider echoes back: it must never travel into a plan or a result.
    config: {
      gpu: d.hardware ?? "A100-80GB",
      num_gpus: d.gpus ?? 1,
      max_batch_size: 8,
      weights: { repo: "acme/llama", token: "hf_SECRET_echoed_token" },
    },
  };
}

function sieveBody(id: string, v: FakeDeployment) {
  return {
    id,
    build_status: v.status,
    minimum_replicas: v.min,
    maximum_replicas: v.max,
    queued_at: "2026-01-01T00:00:00",
    ...(v.hardware === undefined ? {} : { compute_type: v.hardware }),
    ...(v.replicas === undefined ? {} : { current_workers: { starting: 0, setup: 0, active: v.replicas, idle: 0, awaiting_resources: 0 } }),
  };
}

/** A fresh world: two DeepInfra deployments, one Sieve function, one Modzy version, one Opper function. */
export function sampleWorld(): FakeWorld {
  return {
    deepinfra: { "di-a": { status: "running", min: 1, max: 2 }, "di-b": { status: "running", min: 0, max: 1 } },
    sieve: { "acme/whisper": { "v-6": { status: "ready", min: 0, max: 1 }, "v-7": { status: "ready", min: 0, max: 4 } } },
    modzy: { "m1@1.0.0": { status: "active", min: 1, max: 3 } },
    opper: { "f-1@r-9": { name: "summarize" } },
  };
}
