// Stage 6, fleet listing: `fleet.listDeployments()` across nine fake providers on loopback, every answer held back
// by a set round-trip time. Its bound is the critical path: the longest chain of dependent round trips any one
// provider's listing needs (pages one after another; a list, then its items read `concurrency` at a time), times
// the round-trip time. The ratio to that bound shows what the fan-out itself costs.
// Re-run alone with `npm run bench -- --only listing`.
import { createFleet } from "modelfleet/all";
import { chains, startFleetWorld, WORLD } from "../lib/fleet-world.mjs";
import { ratio, table } from "../lib/format.mjs";
import { median } from "../lib/stats.mjs";

export const id = "listing";
export const title = "Fleet listing";

const RTT_MS = 50;
// A longer round trip, where per-request CPU cost weighs less against the wait: on a loaded machine it shows whether
// the fan-out itself keeps to the bound.
const LONG_RTT_MS = 200;
const CONCURRENCY = 4; // the fleet's default: follow-up reads one provider has in flight
const TARGET = 1.1; // fleet listing time / critical-path bound

async function timeListing(fleet, providers) {
  const t0 = performance.now();
  const { versions, failures } = await fleet.listDeployments(providers ? { providers } : {}).settled();
  const ms = performance.now() - t0;
  if (failures.length) throw new Error(`listing: ${failures.map((f) => `${f.provider}: ${f.error?.message ?? f.error}`).join("; ")}`);
  return { ms, versions: versions.length };
}

export async function run(ctx) {
  const config = { rttMs: RTT_MS, concurrency: CONCURRENCY, rounds: ctx.quick ? 3 : 9, providers: Object.keys(WORLD).length };
  const world = await startFleetWorld(RTT_MS);
  try {
    const fleet = createFleet({ ...world.fleetOptions(), concurrency: CONCURRENCY });
    const chain = chains(CONCURRENCY);
    const boundMs = Math.max(...Object.values(chain)) * RTT_MS;
    // Warm-up: connections opened, code paths compiled; also checks that every provider lists without a failure.
    const warm = await timeListing(fleet);
    const fleetMs = [];
    const aloneMs = Object.fromEntries(Object.keys(chain).map((p) => [p, []]));
    for (let round = 0; round < config.rounds; round++) {
      fleetMs.push((await timeListing(fleet)).ms);
      // Each provider alone, against its own chain: shows the bound's chains are the adapters' real ones.
      for (const provider of Object.keys(chain)) aloneMs[provider].push((await timeListing(fleet, [provider])).ms);
      ctx.log(`  listing round ${round + 1}/${config.rounds}`);
    }
    const fleetMedian = median(fleetMs);
    const perProvider = Object.fromEntries(
      Object.entries(chain).map(([p, c]) => [p, { chain: c, boundMs: c * RTT_MS, aloneMedianMs: median(aloneMs[p]) }]),
    );
    const r = fleetMedian / boundMs;
    const long = await longRtt(config.rounds > 3 ? 5 : 2, Math.max(...Object.values(chain)) * LONG_RTT_MS);
    // What the fan-out adds over the slowest provider listed alone, round by round: per-request CPU cost (large on a
    // loaded machine) inflates both sides alike, so this isolates scheduling (a provider waiting for a slot).
    const slowestAlone = fleetMs.map((_, i) => Math.max(...Object.values(aloneMs).map((xs) => xs[i])));
    const overSlowest = median(fleetMs.map((x, i) => x / slowestAlone[i]));
    return {
      config,
      world: WORLD,
      versions: warm.versions,
      boundMs,
      fleetMedianMs: fleetMedian,
      fleetMs,
      ratioToBound: r,
      ratioToSlowestAlone: overSlowest,
      long,
      perProvider,
      targets: [
        {
          name: `fleet listing, ${config.providers} providers at ${RTT_MS} ms RTT: time / critical-path bound`,
          value: ratio(r),
          goal: `≤ ${TARGET}×`,
          met: r <= TARGET,
        },
        {
          name: `fleet listing at ${LONG_RTT_MS} ms RTT: time / critical-path bound`,
          value: ratio(long.ratioToBound),
          goal: "reported",
          met: undefined,
        },
        {
          name: "fleet listing: time / its slowest provider listed alone (same round)",
          value: ratio(overSlowest),
          goal: "reported",
          met: undefined,
        },
      ],
    };
  } finally {
    await world.close();
  }
}

/** The whole fleet at {@link LONG_RTT_MS}: its median time and ratio to that round trip's bound. */
async function longRtt(rounds, boundMs) {
  const world = await startFleetWorld(LONG_RTT_MS);
  try {
    const fleet = createFleet({ ...world.fleetOptions(), concurrency: CONCURRENCY });
    await timeListing(fleet);
    const times = [];
    for (let round = 0; round < rounds; round++) times.push((await timeListing(fleet)).ms);
    return { rttMs: LONG_RTT_MS, rounds, boundMs, medianMs: median(times), ratioToBound: median(times) / boundMs, times };
  } finally {
    await world.close();
  }
}

export function render(r) {
  const ms = (x) => `${x.toFixed(0)} ms`;
  return [
    `${r.config.providers} providers, ${r.versions} versions, round-trip time ${r.config.rttMs} ms, ${r.config.concurrency} follow-up reads per ` +
      `provider, ${r.config.rounds} rounds (medians). Bound: the longest chain of dependent round trips × RTT = **${ms(r.boundMs)}**; ` +
      `the whole fleet took **${ms(r.fleetMedianMs)}**, **${ratio(r.ratioToBound)}** the bound, and ` +
      `${ratio(r.ratioToSlowestAlone)} the time of its slowest provider listed alone in the same round (per-request CPU ` +
      "cost, which a loaded machine inflates, weighs on both alike). " +
      `At ${r.long.rttMs} ms round trips (${r.long.rounds} rounds) the fleet took ${ms(r.long.medianMs)} against a bound of ` +
      `${ms(r.long.boundMs)}: **${ratio(r.long.ratioToBound)}**.`,
    "",
    ...table(
      ["provider", "chain (round trips)", "bound alone", "listed alone (median)", "alone / bound"],
      Object.entries(r.perProvider).map(([p, x]) => [
        p,
        String(x.chain),
        ms(x.boundMs),
        ms(x.aloneMedianMs),
        ratio(x.aloneMedianMs / x.boundMs),
      ]),
    ),
    "",
  ];
}
