// Helpers for testing a provider's fleet adapter (its `./fleet` entry) without the facade, which provider packages
// cannot depend on. Typed structurally, so this private package needs no dependency on the runtime.
import fc from "fast-check";
import { expect } from "vitest";
import { json, type RecordedRequest } from "./index.js";

/** The normalized version fields every adapter must produce. */
export interface NormalizedVersion {
  ref: string;
  provider: string;
  model: string;
  version: string;
  status: string;
  providerStatus: string | null;
  createdAt: Date | null;
  updatedAt: Date | null;
  scaling: { min: number | null; max: number | null } | null;
  replicas: number | null;
  hardware: string | null;
  raw: unknown;
}

interface Grammar {
  parse(rest: string, bad: (why: string) => never): object;
}

/** The parts of a fleet provider the harness calls (see `FleetProvider` in `@modelfleet/runtime/fleet`). */
export interface HarnessProvider<V, C> {
  id: string;
  versionRef: Grammar;
  modelRef: Grammar;
  createClient(shared: Record<string, unknown>, env: Record<string, string | undefined>): C;
  getVersion(client: C, ref: never, context: { signal?: AbortSignal; concurrency: number }): Promise<V>;
  listVersions(client: C, ref: never, context: { signal?: AbortSignal; concurrency: number }): AsyncIterable<V>;
  listDeployments(client: C, context: { signal?: AbortSignal; concurrency: number }): AsyncIterable<V>;
  scale?(client: C, ref: never, bounds: { min: number; max: number }, context: { signal?: AbortSignal; concurrency: number }): Promise<V>;
  start?(client: C, ref: never, context: { signal?: AbortSignal; concurrency: number }): Promise<V>;
  stop?(client: C, ref: never, context: { signal?: AbortSignal; concurrency: number }): Promise<V>;
  promote?(client: C, ref: never, target: { version: string }, context: { signal?: AbortSignal; concurrency: number }): Promise<V>;
  rollback?(client: C, ref: never, target: { version: string }, context: { signal?: AbortSignal; concurrency: number }): Promise<V>;
  price?(client: C, version: V, context: HarnessCostContext): Promise<unknown>;
  usage?(client: C, version: V, window: { from: Date; to: Date }, context: HarnessCostContext): Promise<unknown>;
}

/** The `CostContext` the facade gives `price` and `usage`: a call context plus a per-call `once` cache. */
export interface HarnessCostContext {
  signal?: AbortSignal;
  concurrency: number;
  once<T>(key: string, load: () => Promise<T>): Promise<T>;
}

/**
 * A cost context like the facade's for one `fleet.cost()` call: `once` runs each key's loader once and shares its
 * promise (a rejection too). `loads` lists the keys loaded, in order, so a test can assert one catalogue load.
 */
export function costContext(concurrency = 4, signal?: AbortSignal): HarnessCostContext & { loads: string[] } {
  const cache = new Map<string, Promise<unknown>>();
  const loads: string[] = [];
  return {
    concurrency,
    ...(signal ? { signal } : {}),
    loads,
    once<T>(key: string, load: () => Promise<T>): Promise<T> {
      let promise = cache.get(key) as Promise<T> | undefined;
      if (promise === undefined) {
        loads.push(key);
        promise = load();
        cache.set(key, promise);
      }
      return promise;
    },
  };
}

/**
 * Calls a provider's adapter the way the facade does: references as strings (`<id>:<rest>`), one client made from
 * `shared` options (inject `fetch` there) and `env`.
 */
export function adapterHarness<V, C>(
  provider: HarnessProvider<V, C>,
  shared: Record<string, unknown>,
  env: Record<string, string | undefined> = {},
  concurrency = 4,
) {
  const client = provider.createClient({ sleep: async () => {}, ...shared }, env);
  const parts = (grammar: Grammar, ref: string) => {
    const prefix = `${provider.id}:`;
    if (!ref.startsWith(prefix)) throw new Error(`${ref} is not a ${provider.id} reference`);
    return grammar.parse(ref.slice(prefix.length), (why) => {
      throw new Error(`bad reference ${ref}: ${why}`);
    }) as never;
  };
  const context = (signal?: AbortSignal) => (signal ? { signal, concurrency } : { concurrency });
  const collect = async (versions: AsyncIterable<V>) => {
    const all: V[] = [];
    for await (const version of versions) all.push(version);
    return all;
  };
  return {
    client,
    getVersion: (ref: string, signal?: AbortSignal) => provider.getVersion(client, parts(provider.versionRef, ref), context(signal)),
    listVersions: (modelRef: string, signal?: AbortSignal) =>
      provider.listVersions(client, parts(provider.modelRef, modelRef), context(signal)),
    listDeployments: (signal?: AbortSignal) => collect(provider.listDeployments(client, context(signal))),
    scale: (ref: string, bounds: { min: number; max: number }) => {
      if (!provider.scale) throw new Error(`${provider.id} has no scale`);
      return provider.scale(client, parts(provider.versionRef, ref), bounds, context());
    },
    start: (ref: string, signal?: AbortSignal) => {
      if (!provider.start) throw new Error(`${provider.id} has no start`);
      return provider.start(client, parts(provider.versionRef, ref), context(signal));
    },
    stop: (ref: string, signal?: AbortSignal) => {
      if (!provider.stop) throw new Error(`${provider.id} has no stop`);
      return provider.stop(client, parts(provider.versionRef, ref), context(signal));
    },
    promote: (ref: string, version: string, signal?: AbortSignal) => {
      if (!provider.promote) throw new Error(`${provider.id} has no promote`);
      return provider.promote(client, parts(provider.versionRef, ref), { version }, context(signal));
    },
    rollback: (ref: string, version: string, signal?: AbortSignal) => {
      if (!provider.rollback) throw new Error(`${provider.id} has no rollback`);
      return provider.rollback(client, parts(provider.versionRef, ref), { version }, context(signal));
    },
    /** The unit price of `version`; pass one {@link costContext} to several calls to share the catalogue. */
    price: (version: V, cost: HarnessCostContext = costContext(concurrency)) => {
      if (!provider.price) throw new Error(`${provider.id} has no price`);
      return provider.price(client, version, cost);
    },
    usage: (version: V, window: { from: Date; to: Date }, cost: HarnessCostContext = costContext(concurrency)) => {
      if (!provider.usage) throw new Error(`${provider.id} has no usage`);
      return provider.usage(client, version, window, cost);
    },
  };
}

/**
 * Objects with a provider's real field names (`keys`) holding anything: missing, null, wrong types, unknown enum
 * values, prototype keys; or not an object at all.
 */
export function hostileObject(keys: readonly string[]) {
  const value = fc.oneof(
    fc.constantFrom(
      "ready",
      "error",
      "running",
      "active",
      "exploding",
      "",
      "...",
      "<string>",
      "true",
      "2024-12-15T01:41:59.195000",
      "2020-05-13T18:32:59.510+0000",
    ),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.string(),
  );
  const node = fc.letrec((tie) => ({
    node: fc.oneof(
      { depthSize: "small" },
      value,
      fc.dictionary(fc.constantFrom(...keys, "__proto__", "constructor"), tie("node"), { maxKeys: 12 }),
      fc.array(tie("node"), { maxLength: 3 }),
    ),
  })).node;
  return fc.oneof(node, fc.anything());
}

/**
 * Asserts `version` is a well-formed normalized version: a status among `statuses` (pass the runtime's
 * `VERSION_STATUSES`), valid dates, non-negative integer counts, serializable.
 */
export function expectValidVersion(version: NormalizedVersion, statuses: readonly string[]): void {
  expect(statuses).toContain(version.status);
  expect(typeof version.ref).toBe("string");
  expect(version.ref.startsWith(`${version.provider}:`)).toBe(true);
  expect(typeof version.model).toBe("string");
  expect(typeof version.version).toBe("string");
  expect(version.providerStatus === null || typeof version.providerStatus === "string").toBe(true);
  for (const date of [version.createdAt, version.updatedAt]) {
    expect(date === null || (date instanceof Date && !Number.isNaN(date.getTime()))).toBe(true);
  }
  if (version.scaling !== null) {
    for (const bound of [version.scaling.min, version.scaling.max])
      expect(bound === null || (Number.isInteger(bound) && bound >= 0)).toBe(true);
  }
  expect(version.replicas === null || (Number.isInteger(version.replicas) && version.replicas >= 0)).toBe(true);
  expect(version.hardware === null || typeof version.hardware === "string").toBe(true);
  // Serializable for logs and --json output.
  expect(() => JSON.stringify({ ...version, raw: undefined })).not.toThrow();
}

/** Answers a request routed to it; `attempt` counts calls of this route (1-based). */
export type RouteReply = Response | ((request: Request, attempt: number) => Response | Promise<Response>);

/**
 * A `fetch` that routes by `METHOD url-without-query` (or with the query, when the route has one)
 * to canned replies and records every request. An unrouted request gets a 404, so a wrong URL fails the test
 * with the URL in the message instead of hanging.
 */
export function routedFetch(routes: Record<string, RouteReply | RouteReply[]>) {
  const requests: RecordedRequest[] = [];
  const attempts = new Map<string, number>();
  const fetch = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const text = request.body === null ? undefined : await request.clone().text();
    let body: unknown = text;
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {}
    }
    requests.push({ method: request.method, url, headers: new Headers(request.headers), body });
    const withQuery = `${request.method} ${url.origin}${url.pathname}${url.search}`;
    const withoutQuery = `${request.method} ${url.origin}${url.pathname}`;
    const key = Object.hasOwn(routes, withQuery) ? withQuery : withoutQuery;
    const route = routes[key];
    if (route === undefined) return json(404, { detail: `no route for ${withQuery}`, error: "no route", message: "no route" });
    const attempt = (attempts.get(key) ?? 0) + 1;
    attempts.set(key, attempt);
    const replies = Array.isArray(route) ? route : [route];
    const reply = replies[Math.min(attempt - 1, replies.length - 1)] as RouteReply;
    return typeof reply === "function" ? reply(request, attempt) : reply.clone();
  };
  return { fetch, requests };
}
