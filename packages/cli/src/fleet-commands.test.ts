import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  allOutput,
  CLI,
  type FakeReply,
  type FakeRequest,
  hasScript,
  KEYS,
  type Routes,
  runCli,
  runCliOnTerminal,
  startFakeProviders,
} from "./fake-providers.test-helper.js";

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching escape sequences is the point
const ANSI = /\u001b\[/;

/** DeepInfra deployments and one Sieve version whose state follows the writes: a scale really changes the next read. */
function statefulRoutes() {
  const deepinfra: Record<string, { status: string; min: number; max: number }> = {
    "di-a": { status: "running", min: 1, max: 2 },
    "di-b": { status: "stopped", min: 0, max: 1 },
  };
  const sieve = { min: 0, max: 4 };
  const body = (id: string) => {
    const d = deepinfra[id] as { status: string; min: number; max: number };
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
    };
  };
  const sieveVersion = () => ({ id: "v-7", build_status: "ready", minimum_replicas: sieve.min, maximum_replicas: sieve.max });
  const routes: Routes = {
    "GET /deepinfra/deploy/list": () => ({ body: Object.keys(deepinfra).map(body) }),
    "GET /sieve/v2/functions": () => ({ body: [{ owner_name: "acme", name: "whisper", latest_version: sieveVersion() }] }),
    "GET /sieve/v2/functions/acme/whisper/versions/v-7": () => ({ body: sieveVersion() }),
    "POST /sieve/v2/functions/acme/whisper/versions/v-7/edit": (r: FakeRequest) => {
      const edit = r.body as { minimum_replicas: number; maximum_replicas: number };
      Object.assign(sieve, { min: edit.minimum_replicas, max: edit.maximum_replicas });
      return { body: sieveVersion() };
    },
    // Opper v3 has no functions here; the v2 function is what the fleet files name.
    "GET /opper/v3/functions": { body: { functions: [] } },
    // Nor have Baseten and Together deployments here: export lists them as empty, not failed.
    "GET /baseten/v1/models": { body: { models: [] } },
    "GET /together/endpoints": { body: { object: "list", data: [] } },
    "GET /opper-v2/functions": { body: { meta: { total_count: 1 }, data: [{ id: "f-1", name: "summarize", revision_id: "r-9" }] } },
    "GET /opper-v2/functions/f-1/revisions/r-9": { body: { id: "f-1", name: "summarize", instructions: "", revision_id: "r-9" } },
    "GET /modzy/models": { body: [] },
  };
  for (const id of Object.keys(deepinfra)) {
    routes[`GET /deepinfra/deploy/${id}`] = () => ({ body: body(id) });
    routes[`PUT /deepinfra/deploy/${id}`] = (r: FakeRequest) => {
      const { settings } = r.body as { settings: { min_instances: number; max_instances: number } };
      Object.assign(deepinfra[id] as object, { min: settings.min_instances, max: settings.max_instances });
      return { body: { deploy_id: id } };
    };
    for (const verb of ["start", "stop"]) {
      routes[`POST /deepinfra/deploy/${id}/${verb}`] = () => {
        (deepinfra[id] as { status: string }).status = verb === "start" ? "running" : "stopped";
        return { body: { deploy_id: id } };
      };
    }
  }
  return { routes, deepinfra, sieve };
}

let fake: Awaited<ReturnType<typeof startFakeProviders>>;
let world: ReturnType<typeof statefulRoutes>;
let env: Record<string, string>;
let dir: string;

async function withRoutes(routes: Routes) {
  await fake?.stop();
  fake = await startFakeProviders(routes);
  env = { ...KEYS, ...fake.baseUrlEnv };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "modelfleet-fleet-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  // Every run of every test: no key in stdout or stderr, whatever happened.
  for (const output of allOutput) for (const key of Object.values(KEYS)) expect(output).not.toContain(key);
});
beforeEach(async () => {
  world = statefulRoutes();
  await withRoutes(world.routes);
});
afterEach(() => fake.stop());

async function fleetFile(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

const writes = () => fake.requests.filter((r) => r.method !== "GET");

const DRIFTED = `deployments:
  - ref: deepinfra:di-a
    scaling: { min: 0, max: 4 }
    state: stopped
  - ref: deepinfra:di-b
    state: stopped
  - ref: sieve:acme/whisper@v-7
    scaling: { min: 1, max: 2 }
`;

describe("plan", () => {
  it("prints the changes as a diff and exits 2; --json has the typed plan", async () => {
    const file = await fleetFile("drifted.yaml", DRIFTED);
    const run = await runCli(["plan", file], env);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(2);
    expect(run.stdout.split("\n")).toEqual([
      "~  deepinfra:di-a          scaling 1-2 → 0-4, state running → stopped",
      "=  deepinfra:di-b          no changes",
      "~  sieve:acme/whisper@v-7  scaling 0-4 → 1-2",
      "",
      "Plan: 2 to change, 1 unchanged.",
      "",
    ]);
    expect(run.stdout).not.toMatch(ANSI);
    const json = await runCli(["plan", file, "--json"], env);
    expect(json.code).toBe(2);
    const plan = JSON.parse(json.stdout);
    expect(plan.summary).toEqual({ change: 2, noOp: 1, cannot: 0, error: 0 });
    expect(plan.items[0]).toMatchObject({ ref: "deepinfra:di-a", kind: "change", changes: [{ field: "scaling" }, { field: "state" }] });
    expect(writes()).toHaveLength(0);
  });

  it("no changes: exit 0", async () => {
    const file = await fleetFile(
      "same.yaml",
      "deployments:\n  - ref: deepinfra:di-a\n    scaling: { min: 1, max: 2 }\n    state: running\n",
    );
    const run = await runCli(["plan", file], env);
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout).toContain("Plan: 0 to change, 1 unchanged.");
  });

  it("unknown references, unconfigured providers and missing capabilities: each says why, exit 1", async () => {
    const file = await fleetFile(
      "cannot.yaml",
      `deployments:
  - ref: deepinfra:gone
    scaling: { min: 0, max: 1 }
  - ref: opper-v2:f-1@r-9
    scaling: { min: 0, max: 1 }
  - ref: sieve:acme/whisper@v-7
    state: stopped
  - ref: modzy:m1@1.0.0
    scaling: { min: 0, max: 1 }
`,
    );
    const { MODZY_API_KEY: _, ...withoutModzy } = env;
    const run = await runCli(["plan", file], withoutModzy);
    expect(run.code).toBe(1);
    const lines = run.stdout.split("\n");
    expect(lines[0]).toMatch(/^! {2}deepinfra:gone +cannot: deepinfra:gone was not found: .*404/);
    expect(lines[1]).toBe(
      "!  opper-v2:f-1@r-9        cannot: capability missing: opper-v2 cannot scale (Opper v2 functions have no replicas or instances to scale)",
    );
    expect(lines[2]).toMatch(/^! {2}sieve:acme\/whisper@v-7 {2}cannot: capability missing: sieve cannot stop \(/);
    expect(lines[3]).toMatch(/^! {2}modzy:m1@1\.0\.0 +cannot: Modzy is not configured: set MODZY_API_KEY/);
    expect(run.stdout).toContain("Plan: 0 to change, 0 unchanged, 4 cannot be done.");
    expect(fake.requests.filter((r) => r.provider === "modzy")).toHaveLength(0);
  });

  it("a bad fleet file: every problem with file, line and key, exit 1 (never 2), and no request", async () => {
    const file = await fleetFile(
      "bad.yaml",
      `deployments:
  - ref: deepinfra:di-a
    scaling: { min: 3, max: 1 }
  - ref: deepinfra:di-a
    replicas: 2
  - ref: nope
    scaling: { min: -1, max: 1.5 }
`,
    );
    const run = await runCli(["plan", file], env);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr.trimEnd().split("\n")).toEqual([
      `error: ${file}:3:21: deployments[0].scaling.min: min (3) must not exceed max (1)`,
      `error: ${file}:4:10: deployments[1].ref: duplicate reference deepinfra:di-a (also deployments[0])`,
      `error: ${file}:5:5: deployments[1].replicas: unknown key "replicas" (expected ref, scaling, state, version)`,
      `error: ${file}:6:10: deployments[2].ref: ref must be a reference <provider id>:<rest> (modelfleet providers shows each provider's form), got "nope"`,
      `error: ${file}:7:21: deployments[2].scaling.min: min must be a non-negative integer, got -1`,
      `error: ${file}:7:30: deployments[2].scaling.max: max must be an integer, got 1.5`,
    ]);
    const syntax = await runCli(["plan", await fleetFile("syntax.yaml", "deployments:\n\t- ref: deepinfra:di-a\n")], env);
    expect(syntax.code).toBe(1);
    expect(syntax.stderr).toMatch(/syntax\.yaml:2:1: \(root\): not valid YAML: Tabs/);
    const missing = await runCli(["plan", join(dir, "missing.yaml")], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("missing.yaml:1:1: (root): cannot read the fleet file: no such file");
    const usage = await runCli(["plan"], env);
    expect(usage.code).toBe(1);
    expect(usage.stderr).toContain("usage: modelfleet plan <file> [--json]");
    expect(fake.requests).toHaveLength(0);
  });
});

describe("apply", () => {
  it("refuses without --yes when stdin is not a terminal, before reading anything", async () => {
    const file = await fleetFile("drifted.yaml", DRIFTED);
    const run = await runCli(["apply", file], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("pass --yes");
    expect(fake.requests).toHaveLength(0);
  });

  it("--yes applies, prints a result per reference; applying again writes nothing and plan then exits 0", async () => {
    const file = await fleetFile("drifted.yaml", DRIFTED);
    const run = await runCli(["apply", file, "--yes"], env);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const [planPart, resultPart] = run.stdout.split("\n\nPlan: 2 to change, 1 unchanged.\n\n");
    expect(planPart).toContain("~  deepinfra:di-a");
    expect(resultPart?.split("\n")).toEqual([
      "applied  deepinfra:di-a          scaling 1-2 → 0-4, state running → stopped",
      "no-op    deepinfra:di-b          no changes",
      "applied  sieve:acme/whisper@v-7  scaling 0-4 → 1-2",
      "",
      "Apply: 2 applied, 1 no-op.",
      "",
    ]);
    expect(world.deepinfra["di-a"]).toEqual({ status: "stopped", min: 0, max: 4 });
    expect(world.sieve).toEqual({ min: 1, max: 2 });
    expect(writes()).toHaveLength(3);

    const again = await runCli(["apply", file, "--yes"], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("Nothing to apply.");
    expect(writes()).toHaveLength(3);
    expect((await runCli(["plan", file], env)).code).toBe(0);
  });

  it("one provider failing: the others are applied, the failure has its request id, exit 1; --json has both", async () => {
    world.routes["POST /sieve/v2/functions/acme/whisper/versions/v-7/edit"] = (): FakeReply => ({
      status: 500,
      body: { detail: "edit failed" },
      headers: { "x-request-id": "req-edit-500", "retry-after-ms": "0" },
    });
    await withRoutes(world.routes);
    const file = await fleetFile("drifted.yaml", DRIFTED);
    const run = await runCli(["apply", file, "--yes", "--json"], env);
    expect(run.code).toBe(1);
    const { plan, result } = JSON.parse(run.stdout);
    expect(plan.summary.change).toBe(2);
    expect(result.summary).toMatchObject({ applied: 1, "no-op": 1, failed: 1 });
    const failed = result.results.find((r: { outcome: string }) => r.outcome === "failed");
    expect(failed).toMatchObject({ ref: "sieve:acme/whisper@v-7", error: { status: 500, requestId: "req-edit-500" } });
    expect(failed.message).toContain("req-edit-500");
    expect(world.deepinfra["di-a"]).toEqual({ status: "stopped", min: 0, max: 4 });

    const text = await runCli(["apply", file, "--yes"], env);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/^failed +sieve:acme\/whisper@v-7 +.*500.*req-edit-500/m);
  });

  it("Ctrl-C while applying: the write in flight is cancelled, what has not started is aborted, every result printed", async () => {
    let release = () => {};
    let interrupt = () => {};
    world.routes["PUT /deepinfra/deploy/di-a"] = () => {
      interrupt();
      // Answered only after the CLI has ended: the request must have been given up by then.
      return new Promise<FakeReply>((resolve) => {
        release = () => resolve({ body: { deploy_id: "di-a" } });
      });
    };
    await withRoutes(world.routes);
    const file = await fleetFile("drifted.yaml", DRIFTED);
    const run = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [CLI, "apply", file, "--yes", "--concurrency", "1"], {
        env: { PATH: process.env.PATH ?? "", ...env },
        stdio: ["ignore", "pipe", "pipe"],
      });
      interrupt = () => child.kill("SIGINT");
      let stdout = "";
      let stderr = "";
      child.stdout.setEncoding("utf8").on("data", (d: string) => {
        stdout += d;
      });
      child.stderr.setEncoding("utf8").on("data", (d: string) => {
        stderr += d;
      });
      child.once("error", reject);
      child.once("close", (code) => {
        allOutput.push(stdout, stderr);
        resolve({ code, stdout, stderr });
      });
    });
    release();
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^aborted +deepinfra:di-a +aborted: /m);
    expect(run.stdout).toMatch(/^aborted +sieve:acme\/whisper@v-7 +aborted before it started$/m);
    expect(run.stdout).toContain("Apply: 1 no-op, 2 aborted.");
    expect(writes().map((w) => `${w.method} ${w.path}`)).toEqual(["PUT /deploy/di-a"]);
  });

  it("on a terminal it shows the plan, asks, and applies on yes, with colours", async () => {
    if (!hasScript()) return;
    const file = await fleetFile("drifted.yaml", DRIFTED);
    const run = await runCliOnTerminal(["apply", file], env, { waitFor: "[y/N]", answer: "y\n" });
    expect(run.code).toBe(0);
    expect(run.output).toMatch(ANSI);
    expect(run.output).toContain("Apply 2 changes?");
    expect(run.output).toContain("Apply: 2 applied, 1 no-op.");
    expect(world.sieve).toEqual({ min: 1, max: 2 });
  });

  it("on a terminal, no keeps everything as it is: exit 1", async () => {
    if (!hasScript()) return;
    const file = await fleetFile("drifted.yaml", DRIFTED);
    const run = await runCliOnTerminal(["apply", file], env, { waitFor: "[y/N]", answer: "n\n" });
    expect(run.code).toBe(1);
    expect(run.output).toContain("Cancelled; nothing was changed.");
    expect(writes()).toHaveLength(0);
  });
});

describe("export", () => {
  it("writes the fleet as a fleet file; planning it right away shows no changes", async () => {
    const run = await runCli(["export"], env);
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout).toBe(`# yaml-language-server: $schema=https://unpkg.com/modelfleet/dist/fleet.schema.json
deployments:
  - ref: deepinfra:di-a
    scaling:
      min: 1
      max: 2
    state: running
  - ref: deepinfra:di-b
    scaling:
      min: 0
      max: 1
    state: stopped
  - ref: opper-v2:f-1@r-9
  - ref: sieve:acme/whisper@v-7
    scaling:
      min: 0
      max: 4
`);
    const file = await fleetFile("exported.yaml", run.stdout);
    const plan = await runCli(["plan", file], env);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain("Plan: 0 to change, 4 unchanged.");

    const json = await runCli(["export", "--provider", "deepinfra", "--json"], env);
    expect(json.code).toBe(0);
    const exported = JSON.parse(json.stdout);
    expect(exported.deployments.map((d: { ref: string }) => d.ref)).toEqual(["deepinfra:di-a", "deepinfra:di-b"]);
    const jsonPlan = await runCli(["plan", await fleetFile("exported.json", json.stdout)], env);
    expect(jsonPlan.code).toBe(0);
  });
});

describe("start and stop", () => {
  it("stop --yes --wait stops and waits; start --yes brings it back", async () => {
    const stopped = await runCli(["stop", "deepinfra:di-a", "--yes", "--wait", "--timeout", "30"], env);
    expect(stopped).toMatchObject({ code: 0, stderr: "" });
    // Before and after, as scale prints them.
    expect(stopped.stdout).toBe(
      "before  deepinfra:di-a  status ready (running)  scaling 1-2  replicas -\n" +
        "after   deepinfra:di-a  status stopped  scaling 1-2  replicas -\n",
    );
    const started = await runCli(["start", "deepinfra:di-a", "--yes", "--json"], env);
    expect(started.code).toBe(0);
    expect(JSON.parse(started.stdout)).toMatchObject({
      before: { ref: "deepinfra:di-a", status: "stopped" },
      after: { ref: "deepinfra:di-a", status: "ready" },
    });
    expect(writes().map((w) => `${w.method} ${w.path}`)).toEqual(["POST /deploy/di-a/stop", "POST /deploy/di-a/start"]);
  });

  it("a provider without it, --timeout without --wait, no --yes off a terminal: exit 2, no request", async () => {
    const sieve = await runCli(["stop", "sieve:acme/whisper@v-7", "--yes"], env);
    expect(sieve.code).toBe(2);
    expect(sieve.stderr).toMatch(/error: sieve does not support stop: /);
    expect((await runCli(["start", "deepinfra:di-a", "--yes", "--timeout", "5"], env)).code).toBe(2);
    expect((await runCli(["start", "deepinfra:di-a"], env)).stderr).toContain("pass --yes");
    expect(fake.requests).toHaveLength(0);
  });
});

describe("promote and rollback", () => {
  it("need --to; a provider without the capability is exit 2 with its reason; no request either way", async () => {
    const missing = await runCli(["promote", "deepinfra:di-a", "--yes"], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr.split("\n")[0]).toBe("error: promote needs --to <version>, the version deepinfra:di-a should serve");
    expect(missing.stderr).toContain("usage: modelfleet promote <ref> --to <version>");
    const blank = await runCli(["rollback", "deepinfra:di-a", "--to", " ", "--yes"], env);
    expect(blank.stderr).toMatch(/^error: rollback needs --to <version>/);
    // No built-in provider can promote or roll back yet: the command says so before any request.
    for (const verb of ["promote", "rollback"]) {
      const run = await runCli([verb, "deepinfra:di-a", "--to", "v2", "--yes"], env);
      expect(run).toMatchObject({ code: 2, stdout: "" });
      expect(run.stderr.split("\n")[0]).toBe(`error: deepinfra does not support ${verb}: not available`);
    }
    const help = await runCli(["--help"], env);
    expect(help.stdout).toContain("modelfleet promote <ref> --to <version> [--wait]");
    expect(fake.requests).toHaveLength(0);
  });
});
