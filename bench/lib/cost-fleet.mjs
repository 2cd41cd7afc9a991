// A made-up provider for the cost stage, built on the public fleet contract only (as a provider package's adapter
// is): a paged listing, a price catalogue and an account-wide usage report, each request one simulated round trip.
// No HTTP: the stage measures what the facade adds (its critical path and what it keeps in memory), not a network.
import { amountToMicroUsd, connectProvider, hourlyRateToMicroUsd } from "@modelfleet/runtime/fleet";
import { createFleet } from "modelfleet";

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const HARDWARE = ["gpu-a", "gpu-b", "gpu-c", "cpu"];

/** One listed deployment's raw object, about the size a platform sends (a kilobyte of settings and metadata). */
function rawDeployment(provider, i) {
  return {
    id: `${provider}-${i}`,
    name: `model-${i}`,
    hardware: HARDWARE[i % HARDWARE.length],
    running: i % 5,
    settings: {
      min: 0,
      max: 4,
      window: 60,
      env: Object.fromEntries(Array.from({ length: 12 }, (_, k) => [`VAR_${k}`, `value-${i}-${k}`])),
    },
    description: `deployment ${i} of ${provider}: `.padEnd(400, "x"),
  };
}

/**
 * A provider `id` holding `count` deployments, listed `pageSize` a page; every request (a page, the catalogue, the
 * usage report) waits `rttMs`. `requests` counts them by kind.
 */
export function madeUpProvider(id, { count, pageSize, rttMs }) {
  const grammar = {
    form: `${id}:<id>`,
    parse: (rest, bad) => (rest ? { id: rest } : bad("empty id")),
    format: (parts) => parts.id,
  };
  const requests = { page: 0, catalogue: 0, usage: 0 };
  const normalize = (raw) => ({
    ref: `${id}:${raw.id}`,
    provider: id,
    model: raw.name,
    version: raw.id,
    status: "ready",
    providerStatus: "up",
    createdAt: null,
    updatedAt: null,
    scaling: { min: raw.settings.min, max: raw.settings.max },
    replicas: raw.running,
    hardware: raw.hardware,
    raw,
  });
  const provider = {
    id,
    capabilities: { getVersion: true, listVersions: false, listDeployments: true, scale: false, price: true, usage: true },
    versionRef: grammar,
    modelRef: grammar,
    ...connectProvider({ id, name: id, envVar: `${id.toUpperCase()}_API_KEY` }, () => ({}), { apiKey: "bench" }),
    async getVersion() {
      throw new Error("not used");
    },
    async *listVersions() {},
    async *listDeployments() {
      for (let start = 0; start < count; start += pageSize) {
        requests.page++;
        await pause(rttMs);
        const page = [];
        for (let i = start; i < Math.min(count, start + pageSize); i++) page.push(rawDeployment(id, i));
        for (const raw of page) yield normalize(raw);
      }
    },
    async price(_client, version, context) {
      const catalogue = await context.once("catalogue", async () => {
        requests.catalogue++;
        await pause(rttMs);
        return { "gpu-a": "2.10", "gpu-b": "1.05", "gpu-c": "0.60", cpu: "0.04" };
      });
      const listed = catalogue[version.hardware];
      return {
        hardware: version.hardware,
        perReplicaHour: hourlyRateToMicroUsd(listed, "usd/hour"),
        listed: { value: listed, unit: "usd/hour" },
      };
    },
    async usage(_client, version, _window, context) {
      const report = await context.once("usage", async () => {
        requests.usage++;
        await pause(rttMs);
        return new Map(Array.from({ length: count }, (_, i) => [`${id}-${i}`, { cents: i * 7, requests: i % 3 === 0 ? 0 : i }]));
      });
      const own = report.get(version.version);
      return own ? { spend: amountToMicroUsd(own.cents, "cents"), requests: own.requests } : {};
    },
  };
  return { provider, requests };
}

/** A fleet of `providers` made-up providers with `count` deployments each. */
export function madeUpFleet({ providers, count, pageSize, rttMs, concurrency = 4 }) {
  const made = Array.from({ length: providers }, (_, i) => madeUpProvider(`p${i + 1}`, { count, pageSize, rttMs }));
  return { fleet: createFleet({ providers: made.map((m) => m.provider), concurrency, env: {} }), made };
}
