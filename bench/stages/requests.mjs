// Stage 4, requests: one GET /deploy/{deploy_id} over loopback made five ways (raw fetch, plain openapi-fetch,
// the openai-node SDK's generic `get`, the generated @modelfleet/deepinfra client, the facade's getVersion),
// sequentially and concurrently.
// Re-run alone with `npm run bench -- --only requests`.
import { createDeepInfraClient } from "@modelfleet/deepinfra";
import { createFleet } from "modelfleet/all";
import OpenAI from "openai";
import createClient from "openapi-fetch";
import { BODY, DEPLOYMENT, startDeploymentServer } from "../lib/deployment-server.mjs";
import { int, pct, ratio, table, verdict } from "../lib/format.mjs";
import { median } from "../lib/stats.mjs";

export const id = "requests";
export const title = "Requests";

const TARGET_GENERATED = 0.9; // generated client req/s vs plain openapi-fetch
const TARGET_FACADE = 0.9; // facade req/s vs generated client
const API_KEY = "k";
const DEPLOY_ID = DEPLOYMENT.deploy_id;

function contenders(baseUrl) {
  const url = `${baseUrl}/deploy/${DEPLOY_ID}`;
  const oaf = createClient({ baseUrl });
  const deepinfra = createDeepInfraClient({ apiKey: API_KEY, baseUrl, maxRetries: 0 });
  // The peer users compare us with: a Stainless-generated SDK with retries and timeouts of its own, here its
  // generic `get` against the same loopback server (no retries, like ours).
  const openai = new OpenAI({ apiKey: API_KEY, baseURL: baseUrl, maxRetries: 0 });
  const fleet = createFleet({ env: {}, deepinfra: { apiKey: API_KEY, baseUrl, maxRetries: 0 } });
  const ref = `deepinfra:${DEPLOY_ID}`;
  return [
    {
      id: "raw",
      label: "raw fetch",
      fn: async () => {
        const res = await fetch(url, { headers: { Authorization: `Bearer ${API_KEY}` } });
        if (!res.ok) throw new Error(`raw fetch: HTTP ${res.status}`);
        return res.json();
      },
    },
    {
      id: "openapiFetch",
      label: "plain openapi-fetch",
      fn: async () => {
        const { data, error, response } = await oaf.GET("/deploy/{deploy_id}", {
          params: { path: { deploy_id: DEPLOY_ID } },
          headers: { Authorization: `Bearer ${API_KEY}` },
        });
        if (error !== undefined || !response.ok) throw new Error(`openapi-fetch: HTTP ${response.status}`);
        return data;
      },
    },
    { id: "openai", label: "openai-node `client.get`", fn: () => openai.get(`/deploy/${DEPLOY_ID}`) },
    { id: "generated", label: "generated client `getDeployment`", fn: () => deepinfra.getDeployment({ deploy_id: DEPLOY_ID }) },
    { id: "facade", label: "facade `getVersion`", fn: async () => (await fleet.getVersion(ref)).raw },
  ];
}

async function runSequential(fn, n) {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await fn();
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

async function runConcurrent(fn, n, concurrency) {
  let next = 0;
  const worker = async () => {
    while (next < n) {
      next++;
      await fn();
    }
  };
  const t0 = process.hrtime.bigint();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

export async function run(ctx) {
  // Many short rounds rather than a few long ones: on a shared machine a burst of outside load then hits one
  // round's contenders alike, and the per-round ratios (whose medians carry the targets) cancel it out.
  const config = ctx.quick
    ? { rounds: 4, warmup: 300, seqCalls: 200, concCalls: 400, concurrency: 16 }
    : { rounds: 15, warmup: 1000, seqCalls: 400, concCalls: 800, concurrency: 16 };
  const server = await startDeploymentServer();
  try {
    const list = contenders(server.baseUrl);
    // Every contender must return the same deployment before anything is timed.
    for (const c of list) {
      const got = await c.fn();
      if (JSON.stringify(got) !== JSON.stringify(DEPLOYMENT)) throw new Error(`${c.label} returned ${JSON.stringify(got)}`);
    }
    for (const c of list) {
      await runSequential(c.fn, config.warmup);
      await runConcurrent(c.fn, config.warmup, config.concurrency);
    }
    const modes = [
      { id: "sequential", label: "sequential (1 in flight)", calls: config.seqCalls, run: (fn) => runSequential(fn, config.seqCalls) },
      {
        id: "concurrent",
        label: `concurrent (${config.concurrency} in flight)`,
        calls: config.concCalls,
        run: (fn) => runConcurrent(fn, config.concCalls, config.concurrency),
      },
    ];
    const samples = Object.fromEntries(modes.map((m) => [m.id, Object.fromEntries(list.map((c) => [c.id, []]))]));
    for (let round = 0; round < config.rounds; round++) {
      for (const mode of modes) {
        for (let k = 0; k < list.length; k++) {
          const c = list[(k + round) % list.length];
          samples[mode.id][c.id].push(mode.calls / (await mode.run(c.fn)));
        }
      }
      ctx.log(`  requests round ${round + 1}/${config.rounds}`);
    }
    return summarise(config, modes, list, samples);
  } finally {
    await server.close();
  }
}

function summarise(config, modes, list, samples) {
  const results = {};
  for (const mode of modes) {
    const s = samples[mode.id];
    const rps = Object.fromEntries(list.map((c) => [c.id, median(s[c.id])]));
    const us = Object.fromEntries(list.map((c) => [c.id, 1e6 / rps[c.id]]));
    // Same-round pairs: each round's contenders ran within seconds of each other.
    const paired = (a, b) => {
      const xs = s[a].map((x, i) => x / s[b][i]);
      return { median: median(xs), min: Math.min(...xs), max: Math.max(...xs) };
    };
    results[mode.id] = {
      label: mode.label,
      callsPerRound: mode.calls,
      medianRps: rps,
      usPerCall: us,
      ratioToRaw: Object.fromEntries(list.map((c) => [c.id, paired(c.id, "raw").median])),
      generatedVsOpenapiFetch: paired("generated", "openapiFetch"),
      generatedVsOpenai: paired("generated", "openai"),
      facadeVsGenerated: paired("facade", "generated"),
      ratioOfMedians: {
        generatedVsOpenapiFetch: rps.generated / rps.openapiFetch,
        generatedVsOpenai: rps.generated / rps.openai,
        facadeVsGenerated: rps.facade / rps.generated,
      },
      overheadUsVsRaw: Object.fromEntries(list.map((c) => [c.id, us[c.id] - us.raw])),
      samplesRps: s,
    };
  }
  const generatedMet = modes.every((m) => results[m.id].generatedVsOpenapiFetch.median >= TARGET_GENERATED);
  const facadeMet = modes.every((m) => results[m.id].facadeVsGenerated.median >= TARGET_FACADE);
  const worst = (key) => Math.min(...modes.map((m) => results[m.id][key].median));
  return {
    config,
    contenders: list.map((c) => ({ id: c.id, label: c.label })),
    bodyBytes: BODY.length,
    results,
    targets: [
      {
        name: "requests: generated client vs plain openapi-fetch (req/s, every mode)",
        value: ratio(worst("generatedVsOpenapiFetch")),
        goal: `≥ ${TARGET_GENERATED}×`,
        met: generatedMet,
      },
      {
        name: "requests: facade getVersion vs generated client (req/s, every mode)",
        value: ratio(worst("facadeVsGenerated")),
        goal: `≥ ${TARGET_FACADE}×`,
        met: facadeMet,
      },
    ],
  };
}

export function render(r) {
  const lines = [];
  const modes = Object.values(r.results);
  const range = (p) => `${ratio(p.min)} – ${ratio(p.max)}`;
  lines.push(
    ...table(
      [
        "mode",
        "openapi-fetch / raw",
        "openai-node / raw",
        "generated / raw",
        "facade / raw",
        "**generated / openapi-fetch** (≥ 0.9×)",
        "generated / openai-node",
        "**facade / generated** (≥ 0.9×)",
        "generated / openapi-fetch: rounds min – max",
        "facade / generated: rounds min – max",
      ],
      modes.map((m) => [
        m.label,
        ratio(m.ratioToRaw.openapiFetch),
        ratio(m.ratioToRaw.openai),
        ratio(m.ratioToRaw.generated),
        ratio(m.ratioToRaw.facade),
        `**${ratio(m.generatedVsOpenapiFetch.median)}**`,
        ratio(m.generatedVsOpenai.median),
        `**${ratio(m.facadeVsGenerated.median)}**`,
        range(m.generatedVsOpenapiFetch),
        range(m.facadeVsGenerated),
      ]),
    ),
    "",
    `Targets: generated ≥ 0.9× openapi-fetch in every mode: ${verdict(r.targets[0].met)}; facade ≥ 0.9× generated in every mode: ${verdict(r.targets[1].met)}.`,
    "",
  );
  const rows = [];
  for (const m of modes) {
    for (const c of r.contenders) {
      const over = c.id === "raw" ? "—" : `+${m.overheadUsVsRaw[c.id].toFixed(1)}`;
      rows.push([m.label, c.label, int(m.medianRps[c.id]), m.usPerCall[c.id].toFixed(1), over, pct(m.ratioToRaw[c.id])]);
    }
  }
  lines.push(...table(["mode", "contender", "median req/s", "µs/call", "overhead vs raw fetch (µs/call)", "of raw req/s"], rows), "");
  lines.push(
    `Server: node:http on 127.0.0.1 in the benchmark's own process (it shares the CPU with the clients, which dilutes the ratios; ` +
      `the µs overhead is the more portable figure), fixed 200 JSON body of ${r.bodyBytes} bytes. ${r.config.rounds} interleaved rounds of ` +
      `${r.config.seqCalls} sequential / ${r.config.concCalls} concurrent calls per contender after ${r.config.warmup} warm-up calls; ` +
      "contender order rotates each round. Ratios are medians of the per-round ratios (requests/s of two contenders in the same round); " +
      "µs/call = 1e6 / median req/s (amortised wall time in the concurrent mode, not latency). " +
      "Generated client, openai-node and facade run with `maxRetries: 0`; the facade adds reference parsing and normalization to a `ModelVersion`. " +
      "openai-node (`openai` 6.49.0) is called through its generic `client.get(path)`, which goes through its whole request path " +
      "(headers, timeout, retry decision, JSON parsing) without any OpenAI-specific resource code.",
    "",
  );
  return lines;
}
