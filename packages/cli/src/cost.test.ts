import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  allOutput,
  hasScript,
  healthyRoutes,
  KEYS,
  type Routes,
  runCli,
  runCliOnTerminal,
  startFakeProviders,
} from "./fake-providers.test-helper.js";

// DeepInfra prices per GPU-hour and reports spend in integer cents; Sieve reports spend in dollars and has no price
// API (the price table prices it). The fake's DeepInfra deployment runs 1 instance of 2 A100-80GB GPUs; its Sieve
// version runs 2 workers on l4.
function costRoutes(): Routes {
  return {
    ...healthyRoutes(),
    "GET /deepinfra/deploy/llm/gpu_availability": {
      body: { gpus: [{ gpu_config: "A100-80GB", usd_per_hour: 1.5, available: true, recommended: false }] },
    },
    "GET /deepinfra/deploy/fkj843kjh8/stats": {
      body: {
        requests: 0,
        total_time: 0,
        total_tokens: 0,
        input_tokens: 0,
        output_tokens: 0,
        total_amount: 1234,
        avg_time: 0,
        avg95_time: 0,
        errors: 0,
      },
    },
    "GET /sieve/v2/usage/function/acme/whisper/versions/v-whisper-7": { body: { total_compute_seconds: 60, total_cost_dollars: 2.5 } },
  };
}

let fake: Awaited<ReturnType<typeof startFakeProviders>>;
let env: Record<string, string>;
let dir: string;

async function withRoutes(routes: Routes) {
  await fake?.stop();
  fake = await startFakeProviders(routes);
  env = { ...KEYS, ...fake.baseUrlEnv };
}

beforeEach(async () => {
  await withRoutes(costRoutes());
  dir = await mkdtemp(join(tmpdir(), "modelfleet-cost-"));
});
afterEach(async () => {
  await fake.stop();
  await rm(dir, { recursive: true, force: true });
});
afterAll(() => {
  for (const output of allOutput) for (const key of Object.values(KEYS)) expect(output).not.toContain(key);
});

const PRICES = 'prices:\n  sieve:\n    l4: "1.00"\n';
const ARGS = ["cost", "--provider", "sieve,deepinfra", "--window", "2026-03-01..2026-03-08"];

async function pricesFile(text = PRICES, name = "prices.yaml") {
  const file = join(dir, name);
  await writeFile(file, text);
  return file;
}

const rows = (text: string) =>
  text
    .trimEnd()
    .split("\n")
    .map((line) => line.split(/\s{2,}/));

describe("cost", () => {
  it("prints a row per deployment, totals per provider and for the fleet, and why each ? is unknown", async () => {
    const run = await runCli([...ARGS, "--prices", await pricesFile()], env);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const [deployments, totals, unknown] = run.stdout.split("\n\n");
    expect(rows(deployments ?? "")).toEqual([
      ["REFERENCE", "HARDWARE", "REPLICAS", "RATE/HOUR", "SPEND (2026-03-01..2026-03-08)", "REQUESTS", "IDLE", "SOURCE"],
      ["sieve:acme/whisper@v-whisper-7", "l4", "2", "$2.00", "$2.50", "?", "?", "price-table"],
      ["deepinfra:fkj843kjh8", "2x A100-80GB", "1", "$3.00", "$12.34", "0", "yes", "api"],
    ]);
    expect(rows(totals ?? "")).toEqual([
      ["TOTAL", "DEPLOYMENTS", "RATE/HOUR", "SPEND (2026-03-01..2026-03-08)", "REQUESTS", "IDLE"],
      ["sieve", "1", "$2.00", "$2.50", "?", "?"],
      ["deepinfra", "1", "$3.00", "$12.34", "0", "1"],
      ["fleet", "2", "$5.00", "$14.84", "0 (1 unknown)", "1 (1 unknown)"],
    ]);
    expect(unknown).toBe("? unknown:\n  sieve: Sieve reports no request count for this deployment\n");
    // One catalogue request; the stats over the window, in unix seconds.
    expect(fake.requests.filter((r) => r.path === "/deploy/llm/gpu_availability")).toHaveLength(1);
    const stats = fake.requests.find((r) => r.path === "/deploy/fkj843kjh8/stats");
    expect([stats?.query.get("from"), stats?.query.get("to")]).toEqual([
      String(Date.parse("2026-03-01T00:00:00Z") / 1000),
      String(Date.parse("2026-03-08T00:00:00Z") / 1000),
    ]);
  });

  it("without a price table, the price-less provider's rate is ? with the reason, and left out of the totals", async () => {
    const run = await runCli(ARGS, env);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^sieve:acme\/whisper@v-whisper-7 +l4 +2 +\? +\$2\.50 +\? +\? +unknown$/m);
    expect(run.stdout).toMatch(/^fleet +2 +\$3\.00 \(1 unknown\) +\$14\.84 /m);
    expect(run.stdout).toMatch(/^ {2}sieve: Sieve's API has no price list .*; this one runs on l4$/m);
  });

  it("--json has every figure in integer micro-dollars with its source, and the totals", async () => {
    const run = await runCli([...ARGS, "--json", "--prices", await pricesFile()], env);
    expect(run.code).toBe(0);
    const parsed = JSON.parse(run.stdout);
    expect(parsed.money).toBe("integer micro-dollars (1 USD = 1000000)");
    expect(parsed.window).toEqual({ from: "2026-03-01T00:00:00.000Z", to: "2026-03-08T00:00:00.000Z" });
    expect(parsed.deployments[1]).toMatchObject({
      ref: "deepinfra:fkj843kjh8",
      unitPrice: { value: 3_000_000, source: "api" },
      ratePerHour: { value: 3_000_000, source: "api" },
      spend: { value: 12_340_000, source: "api" },
      requests: { value: 0, source: "api" },
      idle: { value: true, source: "derived" },
    });
    expect(parsed.total.ratePerHour).toEqual({ value: 5_000_000, counted: 2, unknown: 0 });
    expect(parsed.failures).toEqual([]);
  });

  it("a price the table sets for hardware the API prices replaces it, and the SOURCE column says so", async () => {
    const run = await runCli([...ARGS, "--prices", await pricesFile('prices:\n  deepinfra:\n    2x A100-80GB: "2.5"\n')], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^deepinfra:fkj843kjh8 +2x A100-80GB +1 +\$2\.50 +\$12\.34 +0 +yes +price-table \(api \$3\.00\/h\)$/m);
  });

  it("a price entry no deployment runs on fails at its line, naming the hardware in use, exit 2", async () => {
    const file = await pricesFile('prices:\n  sieve:\n    l4: "1.00"\n    a100-typo: "3"\n');
    const run = await runCli([...ARGS, "--prices", file], env);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(
      `error: ${file}:4:5: prices.sieve.a100-typo: unknown SKU: no sieve deployment runs on "a100-typo" (hardware in use: l4)\n`,
    );
  });

  it("a bad price file or window fails before any request, naming the file, line and key, exit 2", async () => {
    const file = await pricesFile('prices:\n  sieve:\n    l4: "-1"\n  acme:\n    x: 1\n');
    const bad = await runCli([...ARGS, "--prices", file], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      `error: ${file}:3:9: prices.sieve.l4: a price must not be negative, got "-1"\n` +
        `error: ${file}:4:3: prices.acme: unknown provider "acme" (known: sieve, modzy, deepinfra, opper, opper-v2, replicate, huggingface, baseten, together)\n`,
    );
    const missing = await runCli([...ARGS, "--prices", join(dir, "nope.yaml")], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("nope.yaml:1:1: (root): cannot read the price file: no such file");
    const window = await runCli(["cost", "--window", "2026-03-08..2026-03-01"], env);
    expect(window.code).toBe(2);
    expect(window.stderr).toContain("error: Invalid cost window: the start must be before the end");
    expect(window.stderr).toContain("usage: modelfleet cost [--window 24h|7d|<from>..<to>]");
    expect(fake.requests).toEqual([]);
  });

  it("a provider that fails is a warning and exit 3; the others' figures are still there", async () => {
    await withRoutes({ ...costRoutes(), "GET /sieve/v2/functions": { status: 500, body: { detail: "boom" } } });
    const run = await runCli(ARGS, env);
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/^deepinfra:fkj843kjh8 +2x A100-80GB +1 +\$3\.00 /m);
    expect(run.stdout).not.toContain("sieve:acme");
    expect(run.stderr).toMatch(/^warning: sieve failed: .*500/m);
    expect(run.stderr).toContain("1 of 2 providers answered in full");
  });

  it("--idle --write writes a fleet file scaling each idle deployment to zero, never over an existing file", async () => {
    const out = join(dir, "idle.yaml");
    const run = await runCli([...ARGS, "--idle", "--write", out], env);
    expect(run.code).toBe(0);
    // Only idle deployments in the table.
    expect(rows(run.stdout.split("\n\n")[0] ?? "").map((r) => r[0])).toEqual(["REFERENCE", "deepinfra:fkj843kjh8"]);
    expect(run.stdout).toContain(`Wrote 1 idle deployment to ${out}; review with: modelfleet plan ${out}\n`);
    expect(await readFile(out, "utf8")).toBe(
      "# yaml-language-server: $schema=https://unpkg.com/modelfleet/dist/fleet.schema.json\n" +
        "deployments:\n  - ref: deepinfra:fkj843kjh8\n    scaling:\n      min: 0\n      max: 2\n",
    );
    // The file plans as a change from 1-2 to 0-2.
    const plan = await runCli(["plan", out], env);
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain("deepinfra:fkj843kjh8");
    const again = await runCli([...ARGS, "--idle", "--write", out], env);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`${out} already exists: --write never overwrites a file`);
    const noIdle = await runCli([...ARGS, "--write", out], env);
    expect(noIdle.code).toBe(2);
    expect(noIdle.stderr).toContain("--write writes the idle deployments' fleet file: it needs --idle");
  });

  it.skipIf(!hasScript())("on a terminal, draws a progress line while providers answer", async () => {
    const run = await runCliOnTerminal(ARGS, env);
    expect(run.code).toBe(0);
    expect(run.output).toContain("\r\u001b[2K⠋ waiting for sieve, deepinfra (0/2 answered)");
  });
});

describe("ls --cost", () => {
  it("adds each deployment's rate per hour, one catalogue request, no usage read", async () => {
    const run = await runCli(["ls", "--provider", "sieve,deepinfra", "--cost"], env);
    expect(run.code).toBe(0);
    const table = rows(run.stdout);
    expect(table[0]?.at(-1)).toBe("RATE/HOUR");
    expect(table.slice(1).map((r) => [r[1], r.at(-1)])).toEqual([
      ["sieve:acme/whisper@v-whisper-7", "?"],
      ["deepinfra:fkj843kjh8", "$3.00"],
    ]);
    expect(fake.requests.filter((r) => r.path === "/deploy/llm/gpu_availability")).toHaveLength(1);
    expect(fake.requests.filter((r) => r.path.includes("stats") || r.path.includes("usage"))).toEqual([]);
  });
});
