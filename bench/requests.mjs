// Loopback request benchmark: raw fetch vs plain openapi-fetch vs the generated
// @modelfleet/deepinfra client, all doing the same GET /deploy/{deploy_id}
// against a node:http server in this process. Run `npm run build` first.
//
//   node bench/requests.mjs           # full run (~30-60 s on 2 cores)
//   node bench/requests.mjs --quick   # short smoke run

import { readFileSync, writeFileSync } from "node:fs";
import http from "node:http";
import { createRequire } from "node:module";
import os from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createDeepInfraClient } from "@modelfleet/deepinfra";
import createClient from "openapi-fetch";

const here = dirname(fileURLToPath(import.meta.url));
const quick = process.argv.includes("--quick");
const CONFIG = quick
  ? { rounds: 3, warmup: 300, seqCalls: 300, concCalls: 600, concurrency: 16 }
  : { rounds: 5, warmup: 1500, seqCalls: 2000, concCalls: 4000, concurrency: 16 };
const TARGET = 0.9; // generated rps must be >= 90% of plain openapi-fetch rps

// Example from specs/deepinfra.yaml, operation getDeployment (200 response).
const DEPLOYMENT = {
  deploy_id: "fkj843kjh8",
  model_name: "acme/llama-3-8b-support",
  version: "d8b79b422843bd59d628bf25b01aded94a9ec1a9b917e69fe460df9ff39ec42b",
  task: "text-generation",
  status: "running",
  fail_reason: "",
  created_at: "2021-08-27T17:19:21+00:00",
  updated_at: "2021-08-27T17:25:02+00:00",
  type: "llm",
  instances: { running: 1, pending: 0 },
  config: {
    gpu: "A100-80GB",
    num_gpus: 2,
    max_batch_size: 64,
    weights: { repo: "meta-llama/Llama-2-7b-chat-hf", revision: "main", token: null },
  },
  settings: { min_instances: 1, max_instances: 2 },
};
const BODY = Buffer.from(JSON.stringify(DEPLOYMENT));
const DEPLOY_ID = DEPLOYMENT.deploy_id;
const API_KEY = "k";

const server = http.createServer((req, res) => {
  if (req.method === "GET" && req.url === `/deploy/${DEPLOY_ID}`) {
    res.writeHead(200, { "content-type": "application/json", "content-length": BODY.length });
    res.end(BODY);
  } else {
    res.writeHead(404, { "content-type": "application/json" });
    res.end('{"error":"not found"}');
  }
});
server.keepAliveTimeout = 60_000;
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const baseUrl = `http://127.0.0.1:${server.address().port}`;

// --- contenders: each returns the parsed deployment object -----------------
const url = `${baseUrl}/deploy/${DEPLOY_ID}`;
const rawFetch = async () => {
  const res = await fetch(url, { headers: { Authorization: `Bearer ${API_KEY}` } });
  if (!res.ok) throw new Error(`raw fetch: HTTP ${res.status}`);
  return res.json();
};

const oaf = createClient({ baseUrl });
const openapiFetch = async () => {
  const { data, error, response } = await oaf.GET("/deploy/{deploy_id}", {
    params: { path: { deploy_id: DEPLOY_ID } },
    headers: { Authorization: `Bearer ${API_KEY}` },
  });
  if (error !== undefined || !response.ok) throw new Error(`openapi-fetch: HTTP ${response.status}`);
  return data;
};

const deepinfra = createDeepInfraClient({ apiKey: API_KEY, baseUrl, maxRetries: 0 });
const generated = () => deepinfra.getDeployment({ deploy_id: DEPLOY_ID });

const CONTENDERS = [
  { id: "raw", label: "raw fetch", fn: rawFetch },
  { id: "openapiFetch", label: "openapi-fetch", fn: openapiFetch },
  { id: "generated", label: "@modelfleet/deepinfra", fn: generated },
];

// --- measurement -------------------------------------------------------------
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

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

// Correctness check: every contender must return the same deployment.
for (const c of CONTENDERS) {
  const got = await c.fn();
  if (JSON.stringify(got) !== JSON.stringify(DEPLOYMENT)) {
    throw new Error(`${c.label} returned an unexpected body: ${JSON.stringify(got)}`);
  }
}

const started = Date.now();
console.log(`modelfleet request bench (${quick ? "quick" : "full"}) against ${baseUrl}`);
for (const c of CONTENDERS) {
  await runSequential(c.fn, CONFIG.warmup);
  await runConcurrent(c.fn, CONFIG.warmup, CONFIG.concurrency);
}

const MODES = [
  { id: "sequential", label: "sequential (1 in flight)", calls: CONFIG.seqCalls, run: (fn) => runSequential(fn, CONFIG.seqCalls) },
  {
    id: "concurrent",
    label: `concurrent (${CONFIG.concurrency} in flight)`,
    calls: CONFIG.concCalls,
    run: (fn) => runConcurrent(fn, CONFIG.concCalls, CONFIG.concurrency),
  },
];

// samples[mode][contender] = rps per round
const samples = Object.fromEntries(MODES.map((m) => [m.id, Object.fromEntries(CONTENDERS.map((c) => [c.id, []]))]));
for (let round = 0; round < CONFIG.rounds; round++) {
  for (const mode of MODES) {
    // Rotate the order each round so no contender always runs first/last.
    for (let k = 0; k < CONTENDERS.length; k++) {
      const c = CONTENDERS[(k + round) % CONTENDERS.length];
      const secs = await mode.run(c.fn);
      samples[mode.id][c.id].push(mode.calls / secs);
    }
  }
  const s = samples.sequential,
    cc = samples.concurrent;
  const f = (x) => x.at(-1).toFixed(0).padStart(6);
  console.log(
    `round ${round + 1}/${CONFIG.rounds}  seq rps raw ${f(s.raw)} oaf ${f(s.openapiFetch)} gen ${f(s.generated)}` +
      `  | conc rps raw ${f(cc.raw)} oaf ${f(cc.openapiFetch)} gen ${f(cc.generated)}`,
  );
}
server.close();
const elapsed = (Date.now() - started) / 1000;

// --- summarise ---------------------------------------------------------------
const results = {};
for (const mode of MODES) {
  const s = samples[mode.id];
  const rps = Object.fromEntries(CONTENDERS.map((c) => [c.id, median(s[c.id])]));
  const usPerCall = Object.fromEntries(CONTENDERS.map((c) => [c.id, 1e6 / rps[c.id]]));
  // Per-round paired ratio generated/openapi-fetch (same round, adjacent runs).
  const pairedGenVsOaf = s.generated.map((g, i) => g / s.openapiFetch[i]);
  results[mode.id] = {
    label: mode.label,
    callsPerRound: mode.calls,
    medianRps: rps,
    usPerCall,
    ratioToRaw: { openapiFetch: rps.openapiFetch / rps.raw, generated: rps.generated / rps.raw },
    generatedVsOpenapiFetch: rps.generated / rps.openapiFetch,
    generatedVsOpenapiFetchPerRound: {
      median: median(pairedGenVsOaf),
      min: Math.min(...pairedGenVsOaf),
      max: Math.max(...pairedGenVsOaf),
    },
    overheadUsVsRaw: { openapiFetch: usPerCall.openapiFetch - usPerCall.raw, generated: usPerCall.generated - usPerCall.raw },
    overheadUsGeneratedVsOpenapiFetch: usPerCall.generated - usPerCall.openapiFetch,
    samplesRps: s,
  };
}
const targetMet = MODES.every((m) => results[m.id].generatedVsOpenapiFetch >= TARGET);

const require = createRequire(import.meta.url);
const pkgVersion = (name) => {
  try {
    return JSON.parse(readFileSync(require.resolve(`${name}/package.json`), "utf8")).version;
  } catch {
    // openapi-fetch has no ./package.json export; find it via its entry point.
    let dir = dirname(require.resolve(name));
    for (let i = 0; i < 5; i++, dir = dirname(dir)) {
      try {
        const p = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
        if (p.name === name) return p.version;
      } catch {}
    }
    return "unknown";
  }
};
const cpus = os.cpus();
const env = {
  node: process.version,
  undici: process.versions.undici,
  v8: process.versions.v8,
  platform: `${os.platform()} ${os.release()} ${os.arch()}`,
  cpu: cpus[0]?.model?.trim() ?? "unknown",
  cpuCount: cpus.length,
  packages: {
    "@modelfleet/deepinfra": pkgVersion("@modelfleet/deepinfra"),
    "@modelfleet/runtime": pkgVersion("@modelfleet/runtime"),
    "openapi-fetch": pkgVersion("openapi-fetch"),
  },
  MODELFLEET_LOG: process.env.MODELFLEET_LOG ?? null,
};

const output = {
  date: new Date().toISOString(),
  mode: quick ? "quick" : "full",
  config: CONFIG,
  elapsedSeconds: elapsed,
  target: { description: "generated client rps >= 90% of plain openapi-fetch rps, in every mode", ratio: TARGET, met: targetMet },
  env,
  results,
};
writeFileSync(join(here, "results.json"), `${JSON.stringify(output, null, 2)}\n`);

const pct = (x) => `${(x * 100).toFixed(1)}%`;
const r0 = (x) => x.toFixed(0);
const r1 = (x) => x.toFixed(1);
const lines = [];
lines.push("# Request benchmark results", "");
lines.push(
  `Run: ${output.date}, ${output.mode} mode (${CONFIG.rounds} interleaved rounds; ${CONFIG.seqCalls} sequential / ${CONFIG.concCalls} concurrent calls per contender per round; ${CONFIG.warmup} warm-up calls), ${elapsed.toFixed(1)} s.`,
  "",
);
lines.push("## Ratios (median requests/s, same run)", "");
lines.push(
  "| mode | openapi-fetch / raw | generated / raw | **generated / openapi-fetch** | per-round generated / openapi-fetch (median, min–max) |",
);
lines.push("|---|---|---|---|---|");
for (const m of MODES) {
  const r = results[m.id];
  const p = r.generatedVsOpenapiFetchPerRound;
  lines.push(
    `| ${r.label} | ${pct(r.ratioToRaw.openapiFetch)} | ${pct(r.ratioToRaw.generated)} | **${pct(r.generatedVsOpenapiFetch)}** | ${pct(p.median)} (${pct(p.min)}–${pct(p.max)}) |`,
  );
}
lines.push("");
lines.push(
  `Target: generated client within 10% of plain openapi-fetch (ratio ≥ ${pct(TARGET)} in every mode): **${targetMet ? "MET" : "MISSED"}**.`,
  "",
);
lines.push("## Throughput and per-call cost", "");
lines.push("| mode | contender | median req/s | µs/call | overhead vs raw fetch (µs/call) |");
lines.push("|---|---|---|---|---|");
for (const m of MODES) {
  const r = results[m.id];
  for (const c of CONTENDERS) {
    const ov = c.id === "raw" ? "—" : `+${r1(r.overheadUsVsRaw[c.id])}`;
    lines.push(`| ${r.label} | ${c.label} | ${r0(r.medianRps[c.id])} | ${r1(r.usPerCall[c.id])} | ${ov} |`);
  }
}
lines.push("");
lines.push(
  "µs/call = 1e6 / median req/s. In the concurrent mode this is amortised wall time per call, not latency. Overhead = µs/call minus raw fetch's µs/call; generated minus openapi-fetch: " +
    MODES.map((m) => `${m.id} ${r1(results[m.id].overheadUsGeneratedVsOpenapiFetch)} µs`).join(", ") +
    ".",
  "",
);
lines.push("## Environment", "");
lines.push(`- Node ${env.node} (undici ${env.undici}, V8 ${env.v8}), ${env.platform}`);
lines.push(`- CPU: ${env.cpu} × ${env.cpuCount}`);
lines.push(
  `- Packages: ${Object.entries(env.packages)
    .map(([k, v]) => `${k} ${v}`)
    .join(", ")}`,
);
lines.push(`- MODELFLEET_LOG: ${env.MODELFLEET_LOG ?? "(unset)"}`);
lines.push(
  "- Server: node:http on 127.0.0.1 in the same process (shares the CPU with the clients), fixed 200 JSON body of " +
    BODY.length +
    " bytes.",
);
lines.push("");
writeFileSync(join(here, "results.md"), `${lines.join("\n")}`);

console.log("");
console.log(lines.slice(2, 12).join("\n"));
console.log(`wrote bench/results.md and bench/results.json (${elapsed.toFixed(1)} s)`);
