// Nine fake providers on one loopback server in a child process (each under its own path prefix), every answer held
// back by a set round-trip time, and the number of dependent round trips (the chain) each provider's listing needs,
// derived from the same sizes the server answers with. Used by the listing stage.
import { fork } from "node:child_process";
import { once } from "node:events";

/** How many items each fake provider holds; chains below follow from these and the fleet's per-provider concurrency. */
export const WORLD = {
  sieve: { functions: 250 }, // offset/limit pages of 100
  modzy: { models: 40 }, // one page of models, then each model's latest version read on its own
  deepinfra: { deployments: 30 }, // one array
  opper: { functions: 40 }, // the function list, then each function's revision listing
  "opper-v2": { functions: 150 }, // offset/limit pages of 100
  replicate: { deployments: 250, pageSize: 100 }, // pages linked by `next`
  huggingface: { namespaces: 3, endpoints: 5 }, // one list per namespace, read concurrently
  baseten: { models: 12 }, // the model list, then each model's deployments
  together: { endpoints: 20 }, // the endpoint list, then each endpoint read in full
};

const PAGE = 100;
const ceil = Math.ceil;

/** Dependent round trips of each provider's `listDeployments`, with `concurrency` follow-up reads in flight. */
export function chains(concurrency) {
  const w = WORLD;
  return {
    sieve: ceil((w.sieve.functions + 1) / PAGE), // a short (or empty) last page ends it
    modzy: 1 + ceil(w.modzy.models / concurrency),
    deepinfra: 1,
    opper: 1 + ceil(w.opper.functions / concurrency),
    "opper-v2": ceil(w["opper-v2"].functions / PAGE), // the total count ends it
    replicate: ceil(w.replicate.deployments / w.replicate.pageSize),
    huggingface: ceil(w.huggingface.namespaces / concurrency),
    baseten: 1 + ceil(w.baseten.models / concurrency),
    together: 1 + ceil(w.together.endpoints / concurrency),
  };
}

const range = (n, f) => Array.from({ length: n }, (_, i) => f(i));
const STAMP = "2026-01-01T00:00:00Z";

/** The answer to one request, or undefined (404). `origin` makes Replicate's absolute `next` links. */
export function answer(provider, path, query, origin) {
  const w = WORLD;
  const offset = Number(query.get("offset") ?? 0);
  const limit = Number(query.get("limit") ?? PAGE);
  switch (provider) {
    case "sieve":
      if (path === "/functions") {
        const n = Math.max(0, Math.min(limit, w.sieve.functions - offset));
        return range(n, (i) => ({ owner_name: "acme", name: `fn-${offset + i}`, latest_version: { id: "v1", build_status: "ready" } }));
      }
      return undefined;
    case "modzy":
      if (path === "/models") return range(w.modzy.models, (i) => ({ modelId: `m${i}`, latestVersion: "1.0.0" }));
      if (/^\/models\/m\d+\/versions\/1\.0\.0$/.test(path))
        return { version: "1.0.0", status: "active", model: { modelId: path.split("/")[2] } };
      return undefined;
    case "deepinfra":
      if (path === "/deploy/list")
        return range(w.deepinfra.deployments, (i) => ({ deploy_id: `d${i}`, model_name: "acme/m", status: "running" }));
      return undefined;
    case "opper":
      if (path === "/functions") return { functions: range(w.opper.functions, (i) => ({ name: `fn-${i}`, has_script: true })) };
      if (/^\/functions\/fn-\d+\/revisions$/.test(path)) return { revisions: [{ revision_id: 1, is_current: true, created_at: STAMP }] };
      return undefined;
    case "opper-v2":
      if (path === "/functions") {
        const n = Math.max(0, Math.min(limit, w["opper-v2"].functions - offset));
        return {
          meta: { total_count: w["opper-v2"].functions },
          data: range(n, (i) => ({ id: `f${offset + i}`, name: "f", revision_id: "r1" })),
        };
      }
      return undefined;
    case "replicate":
      if (path === "/deployments") {
        const { deployments, pageSize } = w.replicate;
        const start = Number(query.get("cursor") ?? 0);
        const end = Math.min(deployments, start + pageSize);
        return {
          next: end < deployments ? `${origin}/replicate/deployments?cursor=${end}` : null,
          results: range(end - start, (i) => ({
            owner: "acme",
            name: `d${start + i}`,
            current_release: { model: "acme/m", version: "v1" },
          })),
        };
      }
      return undefined;
    case "huggingface":
      if (/^\/endpoint\/ns-\d+$/.test(path)) {
        return {
          items: range(w.huggingface.endpoints, (i) => ({ name: `e${i}`, model: { repository: "acme/m" }, status: { state: "running" } })),
        };
      }
      return undefined;
    case "baseten":
      if (path === "/models") return { models: range(w.baseten.models, (i) => ({ id: `m${i}` })) };
      if (/^\/models\/m\d+\/deployments$/.test(path))
        return { deployments: [{ id: "dep1", model_id: path.split("/")[2], status: "ACTIVE" }] };
      return undefined;
    case "together":
      if (path === "/endpoints") return { object: "list", data: range(w.together.endpoints, (i) => ({ id: `ep-${i}`, model: "acme/m" })) };
      if (/^\/endpoints\/ep-\d+$/.test(path)) return { id: path.split("/")[2], model: "acme/m", state: "STARTED" };
      return undefined;
    default:
      return undefined;
  }
}

/**
 * Starts the nine providers on 127.0.0.1, in a process of their own (`fleet-world-server.mjs`): a real provider's
 * server does not share the listing's event loop, so its CPU must not count against the fleet. Every answer is sent
 * `rttMs` after its request arrived. `fleetOptions()` points a `modelfleet/all` fleet at them.
 */
export async function startFleetWorld(rttMs) {
  const child = fork(new URL("./fleet-world-server.mjs", import.meta.url), [String(rttMs)], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const exited = once(child, "exit");
  const [ready] = await Promise.race([
    once(child, "message"),
    exited.then(([code]) => {
      throw new Error(`the fake providers' server exited with ${code} before listening`);
    }),
  ]);
  const origin = `http://127.0.0.1:${ready.port}`;
  const at = (provider) => ({ apiKey: `${provider}-bench-key`, baseUrl: `${origin}/${provider}`, maxRetries: 0 });
  return {
    /** Options for `createFleet` from `modelfleet/all`: every provider here, nothing from the environment. */
    fleetOptions: () => ({
      env: {},
      sieve: at("sieve"),
      modzy: at("modzy"),
      deepinfra: at("deepinfra"),
      opper: at("opper"),
      "opper-v2": at("opper-v2"),
      replicate: at("replicate"),
      huggingface: { ...at("huggingface"), namespaces: range(WORLD.huggingface.namespaces, (i) => `ns-${i}`) },
      baseten: at("baseten"),
      together: at("together"),
    }),
    close: async () => {
      child.kill();
      await exited;
    },
  };
}
