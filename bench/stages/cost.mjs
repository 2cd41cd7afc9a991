// Stage 6, cost: what `fleet.cost()` adds to a listing. Latency: a fleet of made-up providers (the public contract
// only, lib/cost-fleet.mjs) whose every request is one simulated 50 ms round trip, listed with
// `listDeployments().settled()` (the baseline) and reported with `cost()`, interleaved; the difference in round
// trips is what cost adds to the listing's critical path. Memory: one provider of 1 000 and 10 000 deployments,
// each measured in a child process after a full GC (lib/cost-memory.mjs): peak heap growth of the cost report
// against the listing's, and per deployment.
// Re-run alone with `npm run bench -- --only cost`.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { madeUpFleet } from "../lib/cost-fleet.mjs";
import { int, kb, mb, ratio, table, verdict } from "../lib/format.mjs";
import { benchDir } from "../lib/paths.mjs";
import { median, summarize } from "../lib/stats.mjs";

export const id = "cost";
export const title = "Cost report";

const RTT_MS = 50;
const TARGET_EXTRA_RTT = 1; // round trips cost adds to the listing's critical path
const TARGET_MEMORY = 1; // peak heap growth of a cost report vs a listing of the same fleet
const run$ = promisify(execFile);

async function timedMs(fn) {
  const t0 = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

async function memory(mode, count) {
  const { stdout } = await run$(process.execPath, ["--expose-gc", join(benchDir, "lib", "cost-memory.mjs"), mode, String(count)], {
    cwd: benchDir,
    maxBuffer: 1 << 20,
  });
  return JSON.parse(stdout.trim());
}

export async function run(ctx) {
  const config = ctx.quick
    ? { rounds: 3, providers: 4, count: 1000, pageSize: 250, memoryCounts: [1000, 10000], memoryRounds: 1 }
    : { rounds: 7, providers: 4, count: 1000, pageSize: 250, memoryCounts: [1000, 10000], memoryRounds: 3 };
  const { fleet, made } = madeUpFleet({ providers: config.providers, count: config.count, pageSize: config.pageSize, rttMs: RTT_MS });
  // The same fleet without network waits: what is left of the difference there is CPU, not round trips.
  const cpu = madeUpFleet({ providers: config.providers, count: config.count, pageSize: config.pageSize, rttMs: 0 }).fleet;

  // The two must agree on what is there before anything is timed.
  const listed = await fleet.listDeployments().settled();
  const report = await fleet.cost({ window: "24h" });
  if (listed.versions.length !== report.deployments.length || report.failures.length || listed.failures.length) {
    throw new Error(`cost reported ${report.deployments.length} deployments, the listing ${listed.versions.length}`);
  }
  for (const m of made) m.requests.catalogue = m.requests.usage = m.requests.page = 0;

  const samples = { list: [], cost: [], listCpu: [], costCpu: [], extraMs: [], extraCpuMs: [], extraRtt: [] };
  const time = (f, which) => timedMs(() => (which === "list" ? f.listDeployments().settled() : f.cost({ window: "24h" })));
  for (let round = 0; round < config.rounds; round++) {
    const order = round % 2 ? ["cost", "list"] : ["list", "cost"];
    const ms = {};
    for (const which of order) ms[which] = await time(fleet, which);
    for (const which of order) ms[`${which}Cpu`] = await time(cpu, which);
    for (const key of ["list", "cost", "listCpu", "costCpu"]) samples[key].push(ms[key]);
    const extra = ms.cost - ms.list;
    const extraCpu = ms.costCpu - ms.listCpu;
    samples.extraMs.push(extra);
    samples.extraCpuMs.push(extraCpu);
    samples.extraRtt.push((extra - extraCpu) / RTT_MS);
  }
  const perCost = made.map((m) => ({ catalogue: m.requests.catalogue / config.rounds, usage: m.requests.usage / config.rounds }));
  const summary = Object.fromEntries(Object.entries(samples).map(([key, xs]) => [key, summarize(xs)]));

  const memorySamples = {};
  for (const count of config.memoryCounts) {
    memorySamples[count] = { list: [], cost: [] };
    for (let round = 0; round < config.memoryRounds; round++) {
      for (const mode of round % 2 ? ["cost", "list"] : ["list", "cost"]) memorySamples[count][mode].push(await memory(mode, count));
    }
  }
  const memoryResults = Object.fromEntries(
    Object.entries(memorySamples).map(([count, s]) => {
      const peak = (mode) => median(s[mode].map((x) => x.peakBytes));
      const retained = (mode) => median(s[mode].map((x) => x.retainedBytes));
      return [
        count,
        {
          listPeak: peak("list"),
          costPeak: peak("cost"),
          listRetained: retained("list"),
          costRetained: retained("cost"),
          costVsList: peak("cost") / peak("list"),
          costPeakPerDeployment: peak("cost") / Number(count),
          samples: s,
        },
      ];
    }),
  );
  const largest = memoryResults[String(Math.max(...config.memoryCounts))];
  const smallest = memoryResults[String(Math.min(...config.memoryCounts))];
  const extra = median(samples.extraRtt);
  return {
    config: { ...config, rttMs: RTT_MS },
    latency: summary,
    requestsPerCost: perCost,
    memory: memoryResults,
    targets: [
      {
        name: `cost: round trips added to the listing's critical path (${RTT_MS} ms RTT)`,
        value: extra.toFixed(2),
        goal: `≤ ${TARGET_EXTRA_RTT}`,
        met: extra <= TARGET_EXTRA_RTT,
      },
      {
        name: `cost: peak heap vs the listing's, ${int(Math.max(...config.memoryCounts))} deployments`,
        value: ratio(largest.costVsList),
        goal: `≤ ${TARGET_MEMORY}×`,
        met: largest.costVsList <= TARGET_MEMORY,
      },
      {
        name: "cost: peak heap per deployment, 10 000 vs 1 000 deployments (flat)",
        value: ratio(largest.costPeakPerDeployment / smallest.costPeakPerDeployment),
        goal: "≤ 1.2×",
        met: largest.costPeakPerDeployment / smallest.costPeakPerDeployment <= 1.2,
      },
    ],
  };
}

export function render(r) {
  const lines = [];
  const c = r.config;
  lines.push(
    ...table(
      [
        "what",
        "listing (baseline)",
        "cost report",
        "added",
        "same without waits (CPU)",
        "**added round trips**",
        "requests per cost report",
      ],
      [
        [
          `${c.providers} providers × ${int(c.count)} deployments, ${c.pageSize} a page, ${c.rttMs} ms a request`,
          `${int(r.latency.list.median)} ms`,
          `${int(r.latency.cost.median)} ms`,
          `${int(r.latency.extraMs.median)} ms`,
          `${int(r.latency.extraCpuMs.median)} ms (listing ${int(r.latency.listCpu.median)} ms)`,
          `**${r.latency.extraRtt.median.toFixed(2)}** (rounds ${r.latency.extraRtt.min.toFixed(2)} – ${r.latency.extraRtt.max.toFixed(2)})`,
          `per provider: ${r.requestsPerCost[0]?.catalogue} catalogue, ${r.requestsPerCost[0]?.usage} usage, plus its listing`,
        ],
      ],
    ),
    "",
    ...table(
      ["deployments", "listing: peak heap / kept", "cost: peak heap / kept", "**cost / listing (peak)**", "cost peak per deployment"],
      Object.entries(r.memory).map(([count, m]) => [
        int(Number(count)),
        `${mb(m.listPeak)} / ${mb(m.listRetained)}`,
        `${mb(m.costPeak)} / ${mb(m.costRetained)}`,
        `**${ratio(m.costVsList)}**`,
        kb(m.costPeakPerDeployment),
      ]),
    ),
    "",
    `Targets: at most ${TARGET_EXTRA_RTT} added round trip: ${verdict(r.targets[0].met)}; cost's peak heap at most the listing's: ${verdict(r.targets[1].met)}; ` +
      `flat per deployment from 1 000 to 10 000: ${verdict(r.targets[2].met)}.`,
    "",
    "Made-up providers on the public contract (no HTTP): each page, the catalogue and the account's usage report wait one simulated " +
      `${c.rttMs} ms round trip. The catalogue and usage are loaded once per provider per call (CostContext.once), as the built-in ` +
      "adapters whose platform has a catalogue and an account-wide report do (a platform reporting usage per deployment adds its reads, " +
      "run with the listing's concurrency). Listing and cost run interleaved, order alternating, each also on the same fleet without " +
      "waits; added round trips = (added time − added time without waits) / RTT, so the CPU of computing the figures (which a busy " +
      "machine inflates) is reported beside it, not counted as network. Medians of the rounds. Memory: each " +
      "figure a child process (`node --expose-gc`), peak `heapUsed` growth sampled every millisecond after a full GC; a deployment's raw " +
      "object is about 1 kB. The listing keeps every normalized version with its raw object; the cost report keeps only the " +
      "per-deployment figures.",
    "",
  );
  return lines;
}
