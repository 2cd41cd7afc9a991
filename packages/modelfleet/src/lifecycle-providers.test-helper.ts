// Made-up providers with the lifecycle verbs, built on the public contract only: the facade's own tests of start,
// stop, promote, rollback and of desired versions need no built-in provider (none of them can promote today).
// `slots` can do all four; `revert` can only roll back, as a platform whose one such operation is a revert.
import { ConfigurationError } from "@modelfleet/runtime";
import { type Capabilities, checkSegment, connectProvider, type FleetProvider, type ModelVersion } from "@modelfleet/runtime/fleet";

/** What a slot serves now, and what it served before. */
export interface Slot {
  version: string;
  status: "ready" | "stopped" | "failed";
  min: number;
  max: number;
  /** Versions served before, oldest first. */
  history: string[];
}

/** The state a made-up client holds: slots by name, known versions, and every call made. */
export interface SlotWorld {
  slots: Record<string, Slot>;
  /** The versions that exist; promoting or rolling back to another one fails. */
  versions: string[];
  calls: string[];
}

interface SlotTypes<Id extends string, C extends Capabilities> {
  id: Id;
  client: SlotWorld;
  versionRef: `${Id}:${string}`;
  modelRef: `${Id}:${string}`;
  versionParts: { slot: string };
  modelParts: { slot: string };
  raw: Slot;
  capabilities: C;
}

type AllVerbs = Capabilities & {
  getVersion: true;
  listVersions: true;
  listDeployments: true;
  scale: true;
  start: true;
  stop: true;
  promote: true;
  rollback: true;
};
type RevertOnly = Capabilities & { getVersion: true; listVersions: true; listDeployments: true; scale: false; rollback: true };

export type SlotsProvider = FleetProvider<SlotTypes<"slots", AllVerbs>>;
export type RevertProvider = FleetProvider<SlotTypes<"revert", RevertOnly>>;

function base<Id extends string, C extends Capabilities>(id: Id, world: SlotWorld, capabilities: C) {
  type T = SlotTypes<Id, C>;
  const normalize = (name: string, slot: Slot): ModelVersion<Id, T["versionRef"], Slot> => ({
    ref: `${id}:${name}`,
    provider: id,
    model: name,
    version: slot.version,
    status: slot.status,
    providerStatus: slot.status,
    createdAt: null,
    updatedAt: null,
    scaling: { min: slot.min, max: slot.max },
    replicas: null,
    hardware: null,
    raw: { ...slot, history: [...slot.history] },
  });
  const find = (name: string) => {
    const slot = world.slots[name];
    if (!slot) throw new Error(`no slot ${name}`);
    return slot;
  };
  const grammar = {
    form: `${id}:<slot>`,
    parse(rest: string, bad: (why: string) => never) {
      checkSegment(rest, "slot", bad);
      return { slot: rest };
    },
    format: (parts: { slot: string }) => parts.slot,
  };
  const serve = (name: string, version: string) => {
    const slot = find(name);
    if (!world.versions.includes(version)) throw new Error(`no version ${version}`);
    if (slot.version !== version) {
      slot.history.push(slot.version);
      slot.version = version;
    }
    return normalize(name, slot);
  };
  const provider: FleetProvider<T> = {
    id,
    capabilities,
    unsupported: { scale: `${id} slots have no replicas` },
    versionRef: grammar,
    modelRef: grammar,
    ...connectProvider(
      { id, name: id.toUpperCase(), envVar: `${id.toUpperCase()}_API_KEY` },
      (options: { apiKey?: string }) => {
        if (!options.apiKey) throw new ConfigurationError("apiKey", `${id} needs an apiKey`);
        return world;
      },
      undefined,
    ),
    async getVersion(client, ref) {
      client.calls.push(`get ${ref.slot}`);
      return normalize(ref.slot, find(ref.slot));
    },
    async *listVersions(client, ref) {
      client.calls.push(`versions ${ref.slot}`);
      yield normalize(ref.slot, find(ref.slot));
    },
    async *listDeployments(client) {
      client.calls.push("deployments");
      for (const [name, slot] of Object.entries(client.slots)) yield normalize(name, slot);
    },
    async rollback(client, ref, { version }) {
      client.calls.push(`rollback ${ref.slot} ${version}`);
      if (!find(ref.slot).history.includes(version)) throw new Error(`${version} was never served by ${ref.slot}`);
      return serve(ref.slot, version);
    },
  };
  return { provider, normalize, find, serve };
}

/** A made-up provider with every lifecycle verb, over `world`. */
export function slots(world: SlotWorld): SlotsProvider {
  const capabilities: AllVerbs = {
    getVersion: true,
    listVersions: true,
    listDeployments: true,
    scale: true,
    start: true,
    stop: true,
    promote: true,
    rollback: true,
  };
  const { provider, normalize, find, serve } = base("slots", world, capabilities);
  return {
    ...provider,
    unsupported: {},
    async scale(client, ref, bounds) {
      client.calls.push(`scale ${ref.slot} ${bounds.min}-${bounds.max}`);
      Object.assign(find(ref.slot), bounds);
      return normalize(ref.slot, find(ref.slot));
    },
    async start(client, ref) {
      client.calls.push(`start ${ref.slot}`);
      find(ref.slot).status = "ready";
      return normalize(ref.slot, find(ref.slot));
    },
    async stop(client, ref) {
      client.calls.push(`stop ${ref.slot}`);
      find(ref.slot).status = "stopped";
      return normalize(ref.slot, find(ref.slot));
    },
    async promote(client, ref, { version }) {
      client.calls.push(`promote ${ref.slot} ${version}`);
      return serve(ref.slot, version);
    },
  };
}

/** A made-up provider that can only roll back, over `world`. */
export function revert(world: SlotWorld): RevertProvider {
  return base("revert", world, {
    getVersion: true,
    listVersions: true,
    listDeployments: true,
    scale: false,
    rollback: true,
  } as RevertOnly).provider;
}
