import { builtInProviders, PROVIDER_IDS } from "modelfleet/all";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  allOutput,
  type FakeRequest,
  hasScript,
  healthyRoutes,
  KEYS,
  type Routes,
  runCli,
  runCliOnTerminal,
  runCliProcess,
  startFakeProviders,
} from "./fake-providers.test-helper.js";

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching escape sequences is the point
const ANSI = /\u001b\[/;

let fake: Awaited<ReturnType<typeof startFakeProviders>>;
let env: Record<string, string>;

async function withRoutes(routes: Routes) {
  await fake?.stop();
  fake = await startFakeProviders(routes);
  env = { ...KEYS, ...fake.baseUrlEnv };
}

beforeEach(() => withRoutes(healthyRoutes()));
afterEach(() => fake.stop());

afterAll(() => {
  // Every run of every test: no key in stdout or stderr, whatever happened.
  for (const output of allOutput) for (const key of Object.values(KEYS)) expect(output).not.toContain(key);
});

describe("the binary", () => {
  // The other tests call `main` in this process; the built binary must behave exactly as it does.
  it.each([
    ["a listing", ["ls", "--json"]],
    ["a usage error", ["ls", "--min", "-1"]],
    ["the version", ["--version"]],
  ])("prints what main prints, with its exit code: %s", async (_case, args) => {
    const child = await runCliProcess(args, env);
    const inProcess = await runCli(args, env);
    expect(child).toEqual(inProcess);
  });
});

describe("ls", () => {
  it("prints one table of every configured provider's deployments, sending each key its provider's way", async () => {
    const run = await runCli(["ls"], env);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines[0]?.split(/\s{2,}/)).toEqual(["PROVIDER", "REFERENCE", "MODEL", "VERSION", "STATUS", "SCALING", "REPLICAS", "UPDATED"]);
    expect(lines.slice(1).map((l) => l.split(/\s{2,}/))).toEqual([
      ["sieve", "sieve:acme/whisper@v-whisper-7", "acme/whisper", "v-whisper-7", "ready", "0-4", "2", "2026-01-01T10:05Z"],
      ["modzy", "modzy:ed542963de@1.0.2", "ed542963de", "1.0.2", "ready (active)", "1-3", "-", "2025-12-30T12:00Z"],
      ["deepinfra", "deepinfra:fkj843kjh8", "acme/llama-3-8b", "d8b79b422843…", "ready (running)", "1-2", "1", "2026-01-03T04:05Z"],
      ["opper", "opper:support/triage@2", "support/triage", "2", "ready", "-", "-", "2026-01-05T00:00Z"],
      ["opper-v2", "opper-v2:f-1@r-9", "summarize-ticket", "r-9", "ready", "-", "-", "2026-01-04T00:00Z"],
      ["baseten", "baseten:yqv4yjw@qvv0xeq", "yqv4yjw", "qvv0xeq", "ready (ACTIVE)", "1-4", "2", "-"],
      ["together", "together:endpoint-d23901de", "meta-llama/Llama-3-8b-chat-hf", "endpoint-d23…", "ready (STARTED)", "1-2", "-", "-"],
    ]);
    expect(run.stdout).not.toMatch(ANSI);
    const header = (provider: string, name: string) => fake.requests.find((r) => r.provider === provider)?.headers[name];
    expect(header("sieve", "x-api-key")).toBe(KEYS.SIEVE_API_KEY);
    expect(header("modzy", "authorization")).toBe(`ApiKey ${KEYS.MODZY_API_KEY}`);
    expect(header("deepinfra", "authorization")).toBe(`Bearer ${KEYS.DEEPINFRA_API_KEY}`);
    expect(header("opper", "authorization")).toBe(`Bearer ${KEYS.OPPER_API_KEY}`);
    // Opper v2 reads the same account key.
    expect(header("opper-v2", "authorization")).toBe(`Bearer ${KEYS.OPPER_API_KEY}`);
    expect(header("baseten", "authorization")).toBe(`Bearer ${KEYS.BASETEN_API_KEY}`);
    expect(header("together", "authorization")).toBe(`Bearer ${KEYS.TOGETHER_API_KEY}`);
    // Together lists only the account's own dedicated endpoints, then reads each for its hardware and scaling.
    expect(fake.requests.filter((r) => r.provider === "together").map((r) => `${r.path}?${r.query}`)).toEqual([
      "/endpoints?type=dedicated&mine=true",
      "/endpoints/endpoint-d23901de?",
    ]);
  });

  it("--json prints the normalized versions and an empty failure list", async () => {
    const run = await runCli(["ls", "--json"], env);
    expect(run.code).toBe(0);
    const parsed = JSON.parse(run.stdout);
    expect(parsed.failures).toEqual([]);
    expect(parsed.deployments.map((d: { ref: string }) => d.ref)).toEqual([
      "sieve:acme/whisper@v-whisper-7",
      "modzy:ed542963de@1.0.2",
      "deepinfra:fkj843kjh8",
      "opper:support/triage@2",
      "opper-v2:f-1@r-9",
      "baseten:yqv4yjw@qvv0xeq",
      "together:endpoint-d23901de",
    ]);
    expect(parsed.deployments[2]).toMatchObject({
      provider: "deepinfra",
      status: "ready",
      providerStatus: "running",
      scaling: { min: 1, max: 2 },
      replicas: 1,
      hardware: "2x A100-80GB",
      updatedAt: "2026-01-03T04:05:06.000Z",
      raw: { deploy_id: "fkj843kjh8" },
    });
  });

  it("--provider and --status narrow the listing; only the named providers are asked", async () => {
    const run = await runCli(["ls", "--provider", "sieve,deepinfra", "--status", "ready", "--json"], env);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).deployments.map((d: { ref: string }) => d.ref)).toEqual([
      "sieve:acme/whisper@v-whisper-7",
      "deepinfra:fkj843kjh8",
    ]);
    expect(new Set(fake.requests.map((r) => r.provider))).toEqual(new Set(["sieve", "deepinfra"]));

    const stopped = await runCli(["ls", "--status", "stopped"], env);
    expect(stopped).toMatchObject({ code: 0, stdout: "No deployments.\n" });
  });

  it("a failing provider: the others are listed, a footer names it and why with its request id, exit 3", async () => {
    await withRoutes({
      ...healthyRoutes(),
      "GET /modzy/models": {
        status: 503,
        body: { statusCode: 503, status: "error", message: "maintenance window" },
        // Retried at once, so the test does not wait for the runtime's backoff.
        headers: { "x-request-id": "req-modzy-42", "retry-after-ms": "0" },
      },
    });
    const run = await runCli(["ls"], env);
    expect(run.code).toBe(3);
    expect(run.stdout).toContain("deepinfra:fkj843kjh8");
    expect(run.stdout).toContain("sieve:acme/whisper@v-whisper-7");
    expect(run.stdout).not.toContain("modzy:");
    const footer = run.stderr.trimEnd().split("\n");
    expect(footer).toHaveLength(2);
    expect(footer[0]).toMatch(/^warning: modzy failed: .*503.*maintenance window.*req-modzy-42/);
    expect(footer[1]).toBe("6 of 7 providers answered; the list above lacks the others' deployments.");

    const json = await runCli(["ls", "--json"], env);
    expect(json.code).toBe(3);
    const parsed = JSON.parse(json.stdout);
    expect(parsed.deployments).toHaveLength(6);
    expect(parsed.failures).toEqual([
      { provider: "modzy", error: expect.objectContaining({ name: "InternalServerError", status: 503, requestId: "req-modzy-42" }) },
    ]);
  });

  it("every provider failing is an API error: exit 1", async () => {
    const unauthorized = { status: 401, body: { message: "bad key", detail: "bad key", error: "bad key" } };
    await withRoutes({
      "GET /sieve/v2/functions": unauthorized,
      "GET /modzy/models": unauthorized,
      "GET /deepinfra/deploy/list": unauthorized,
      "GET /opper/v3/functions": { status: 401 },
      "GET /opper-v2/functions": unauthorized,
      "GET /baseten/v1/models": unauthorized,
      "GET /together/endpoints": unauthorized,
    });
    const run = await runCli(["ls"], env);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("No deployments.\n");
    expect(run.stderr.match(/^warning: [\w-]+ failed: .*401/gm)).toHaveLength(7);
  });

  it("unknown providers and statuses are usage errors, before any request", async () => {
    const provider = await runCli(["ls", "--provider", "nonesuch"], env);
    expect(provider.code).toBe(2);
    expect(provider.stderr).toBe(
      `error: unknown provider "nonesuch"; known providers: ${PROVIDER_IDS.join(", ")}\n` +
        "usage: modelfleet ls [--provider <p> ...] [--status <s> ...] [--cost] [--wide] [--json]\n",
    );
    const status = await runCli(["ls", "--status", "running"], env);
    expect(status.code).toBe(2);
    expect(status.stderr).toMatch(/unknown status "running"; known statuses: pending, building, deploying, ready/);
    expect(fake.requests).toHaveLength(0);
  });

  it.each([["ls"], ["cost"], ["export"]])("%s with no key at all says which variables to set (exit 2)", async (command) => {
    const run = await runCli([command], fake.baseUrlEnv);
    expect(run.code).toBe(2);
    // Every registered provider's key variable once, in the registry's order (Opper v3 and v2 share theirs).
    const variables = [...new Set(builtInProviders().map((p) => p.envVar))];
    expect(run.stderr).toBe(`error: no provider is configured: set at least one of ${variables.join(", ")}\n`);
    expect(run.stderr.match(/OPPER_API_KEY/g)).toHaveLength(1);
  });

  it("a named provider without its key names its variable (exit 2), before any request", async () => {
    const { MODZY_API_KEY: _, ...withoutModzy } = env;
    const run = await runCli(["ls", "--provider", "modzy,deepinfra"], withoutModzy);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: Modzy is not configured: set the MODZY_API_KEY environment variable/);
    expect(run.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(fake.requests).toHaveLength(0);
  });
});

describe("get", () => {
  it("prints one version as fields, or --json", async () => {
    const run = await runCli(["get", "deepinfra:fkj843kjh8"], env);
    expect(run.code).toBe(0);
    expect(run.stdout.split("\n").map((l) => l.split(/\s{2,}/))).toEqual([
      ["reference", "deepinfra:fkj843kjh8"],
      ["provider", "deepinfra"],
      ["model", "acme/llama-3-8b"],
      ["version", "d8b79b422843bd59d628bf25b01aded94a9ec1a9"],
      ["status", "ready (running)"],
      ["scaling", "1-2"],
      ["replicas", "1"],
      ["hardware", "2x A100-80GB"],
      ["created", "2026-01-02T03:04Z"],
      ["updated", "2026-01-03T04:05Z"],
      [""],
    ]);
    const json = await runCli(["get", "deepinfra:fkj843kjh8", "--json"], env);
    expect(JSON.parse(json.stdout)).toMatchObject({ ref: "deepinfra:fkj843kjh8", scaling: { min: 1, max: 2 } });
  });

  it("an API error is one line with the request id and exit 1; --debug adds the stack", async () => {
    await withRoutes({
      "GET /deepinfra/deploy/gone": { status: 404, body: { error: "deployment not found" }, headers: { "x-request-id": "req-404-abc" } },
    });
    const run = await runCli(["get", "deepinfra:gone"], env);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe("error: deepinfra getDeployment failed with 404 Not Found: deployment not found (request id req-404-abc)\n");

    const debug = await runCli(["get", "deepinfra:gone", "--debug"], env);
    expect(debug.code).toBe(1);
    expect(debug.stderr).toMatch(/^\[debug\] modelfleet deepinfra getDeployment/m);
    expect(debug.stderr).toMatch(/NotFoundError: .*\n\s+at /);
  });

  it("a bad reference is a usage error showing the expected form, before any request", async () => {
    const malformed = await runCli(["get", "sieve:whisper"], env);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toBe(
      'error: Invalid sieve reference "sieve:whisper": it needs exactly one @ before the version. Expected sieve:<owner>/<function>@<version_slug|latest>\n' +
        "usage: modelfleet get <ref> [--json]\n",
    );
    const unknown = await runCli(["get", "nonesuch:abc"], env);
    expect(unknown.code).toBe(2);
    expect(
      unknown.stderr.startsWith(`error: unknown provider "nonesuch" in "nonesuch:abc". Known providers: ${PROVIDER_IDS.join(", ")}`),
    ).toBe(true);
    expect(fake.requests).toHaveLength(0);
  });

  it("a missing key names its environment variable (exit 2)", async () => {
    const { MODZY_API_KEY: _, ...withoutModzy } = env;
    const run = await runCli(["get", "modzy:ed542963de@1.0.2"], withoutModzy);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("error: Modzy is not configured: set the MODZY_API_KEY environment variable or pass { apiKey } to modzy()\n");
  });

  it("a connection failure is exit 1 naming the provider's operation", async () => {
    const closed = `http://127.0.0.1:${new URL(fake.origin).port}`;
    await fake.stop();
    const run = await runCli(["get", "deepinfra:fkj843kjh8"], { ...env, DEEPINFRA_BASE_URL: closed });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^error: deepinfra getDeployment: connection failed \(GET http:\/\/127\.0\.0\.1:\d+\/deploy\/fkj843kjh8\)\n$/,
    );
    await withRoutes(healthyRoutes());
  });
});

describe("versions", () => {
  it("lists every version of a model as a table, or --json", async () => {
    const run = await runCli(["versions", "sieve:acme/whisper"], env);
    expect(run.code).toBe(0);
    expect(
      run.stdout
        .trimEnd()
        .split("\n")
        .map((l) => l.split(/\s{2,}/)),
    ).toEqual([
      ["REFERENCE", "VERSION", "STATUS", "SCALING", "REPLICAS", "CREATED", "UPDATED"],
      ["sieve:acme/whisper@v-whisper-7", "v-whisper-7", "ready", "0-4", "-", "2026-01-01T10:00Z", "2026-01-01T10:00Z"],
      ["sieve:acme/whisper@v-whisper-6", "v-whisper-6", "failed (error)", "-", "-", "2025-12-01T10:00Z", "2025-12-01T10:00Z"],
    ]);
    const json = await runCli(["versions", "sieve:acme/whisper", "--json"], env);
    expect(JSON.parse(json.stdout).map((v: { version: string }) => v.version)).toEqual(["v-whisper-7", "v-whisper-6"]);
  });

  it("a version reference where a model reference belongs is a usage error", async () => {
    const run = await runCli(["versions", "sieve:acme/whisper@latest"], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/a model reference has no @<version>/);
    expect(run.stderr).toMatch(/usage: modelfleet versions <modelRef> \[--json\]\n$/);
  });
});

describe("opper (v3): functions by name, numbered revisions", () => {
  it("get reads the revision and says whether it is current; versions lists every revision", async () => {
    await withRoutes({
      ...healthyRoutes(),
      "GET /opper/v3/functions/support%2Ftriage/revisions/1": {
        body: { revision_id: 1, source: "x", schema_hash: "5e0c", created_at: "2026-01-02T00:00:00Z", input_schema: {}, output_schema: {} },
      },
    });
    const get = await runCli(["get", "opper:support/triage@1"], env);
    expect(get.code).toBe(0);
    expect(get.stdout).toMatch(/^reference +opper:support\/triage@1$/m);
    expect(get.stdout).toMatch(/^status +stopped$/m);
    const versions = await runCli(["versions", "opper:support/triage", "--json"], env);
    expect(versions.code).toBe(0);
    expect(JSON.parse(versions.stdout).map((v: { ref: string; status: string }) => [v.ref, v.status])).toEqual([
      ["opper:support/triage@1", "stopped"],
      ["opper:support/triage@2", "ready"],
    ]);
    // get reads the revision and the listing side by side; versions reads the listing once (it is not paged).
    expect(
      fake.requests
        .filter((r) => r.provider === "opper")
        .map((r) => `${r.method} ${r.path}`)
        .sort(),
    ).toEqual([
      "GET /v3/functions/support%2Ftriage/revisions",
      "GET /v3/functions/support%2Ftriage/revisions",
      "GET /v3/functions/support%2Ftriage/revisions/1",
    ]);
  });

  it("a revision that is not a number is a usage error showing the form, before any request", async () => {
    const run = await runCli(["get", "opper:support/triage@latest"], env);
    expect(run.code).toBe(2);
    expect(run.stderr.split("\n")[0]).toMatch(/Expected opper:<function_name>@<revision_id\|current>$/);
    expect(fake.requests).toHaveLength(0);
  });
});

describe("scale", () => {
  it("--yes scales without asking and prints the version before and after", async () => {
    const run = await runCli(["scale", "deepinfra:fkj843kjh8", "--min", "0", "--max", "5", "--yes"], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      "before  deepinfra:fkj843kjh8  status ready (running)  scaling 1-2  replicas 1\n" +
        "after   deepinfra:fkj843kjh8  status ready (running)  scaling 0-5  replicas 1\n",
    );
    expect(fake.requests.find((r) => r.method === "PUT")?.body).toEqual({ settings: { min_instances: 0, max_instances: 5 } });

    const json = await runCli(["scale", "deepinfra:fkj843kjh8", "--min", "1", "--max", "1", "--yes", "--json"], env);
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.stdout);
    expect([parsed.before.scaling, parsed.after.scaling]).toEqual([
      { min: 0, max: 5 },
      { min: 1, max: 1 },
    ]);
  });

  it("without --yes and without a terminal it refuses (exit 2) before any request, even with a yes piped in", async () => {
    const run = await runCli(["scale", "deepinfra:fkj843kjh8", "--min", "0", "--max", "2"], env, "y\n");
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      "error: scale changes a live deployment: pass --yes to confirm when stdin is not a terminal\n" +
        "usage: modelfleet scale <ref> --min <n> --max <m> [--yes] [--json]\n",
    );
    expect(fake.requests).toHaveLength(0);
  });

  it.each([
    [["--min", "3", "--max", "1"], "--min (3) must not exceed --max (1)"],
    [["--min", "one", "--max", "2"], '--min must be a non-negative integer, got "one"'],
    [["--min", "-1", "--max", "2"], '--min must be a non-negative integer, got "-1"'],
    [["--max", "2"], "missing --min"],
  ])("bad bounds %j are usage errors before any request", async (bounds, message) => {
    const run = await runCli(["scale", "deepinfra:fkj843kjh8", ...bounds, "--yes"], env);
    expect(run.code).toBe(2);
    expect(run.stderr.split("\n")[0]).toBe(`error: ${message}`);
    expect(fake.requests).toHaveLength(0);
  });

  it.each([
    ["opper", "opper:support/triage@2"],
    ["opper-v2", "opper-v2:f-1@r-9"],
  ])("a provider without scaling (%s) is a usage error before any request", async (id, ref) => {
    const run = await runCli(["scale", ref, "--min", "0", "--max", "1", "--yes"], env);
    expect(run.code).toBe(2);
    expect(run.stderr.split("\n")[0]).toBe(`error: ${id} does not support scale (see modelfleet providers)`);
    expect(fake.requests).toHaveLength(0);
  });

  // The prompt only exists on a terminal, so it is tested on one: a real pseudo-terminal from util-linux `script`,
  // answered by typing into it once the question is shown. No environment switch fakes a terminal.
  describe.skipIf(!hasScript())("on a terminal", () => {
    const args = ["scale", "deepinfra:fkj843kjh8", "--min", "0", "--max", "3"];

    it("asks, and scales when the answer is y", async () => {
      const run = await runCliOnTerminal(args, { ...env, NO_COLOR: "1" }, { waitFor: "[y/N]", answer: "y\n" });
      const output = run.output.replace(/\r/g, "");
      expect(run.code).toBe(0);
      expect(output).toContain("before  deepinfra:fkj843kjh8  status ready (running)  scaling 1-2  replicas 1\n");
      expect(output).toContain("Scale deepinfra:fkj843kjh8 (acme/llama-3-8b) from 1-2 to 0-3? [y/N] ");
      expect(output).toContain("after   deepinfra:fkj843kjh8  status ready (running)  scaling 0-3  replicas 1\n");
      expect(fake.requests.filter((r) => r.method === "PUT")).toHaveLength(1);
    });

    it("changes nothing when the answer is anything else (exit 1)", async () => {
      const run = await runCliOnTerminal(args, { ...env, NO_COLOR: "1" }, { waitFor: "[y/N]", answer: "n\n" });
      expect(run.code).toBe(1);
      expect(run.output.replace(/\r/g, "")).toContain("Cancelled; nothing was changed.\n");
      expect(run.output).not.toContain("after ");
      expect(fake.requests.filter((r) => r.method === "PUT")).toHaveLength(0);
    });

    it("--yes does not ask", async () => {
      const run = await runCliOnTerminal([...args, "--yes"], { ...env, NO_COLOR: "1" });
      expect(run.code).toBe(0);
      expect(run.output).not.toContain("[y/N]");
      expect(fake.requests.filter((r) => r.method === "PUT")).toHaveLength(1);
    });
  });
});

describe("baseten and together", () => {
  it("get reads a Baseten environment's deployment through its shortcut, and a Together endpoint", async () => {
    const baseten = await runCli(["get", "baseten:yqv4yjw@production", "--json"], env);
    expect(baseten.code).toBe(0);
    expect(JSON.parse(baseten.stdout)).toMatchObject({
      ref: "baseten:yqv4yjw@qvv0xeq",
      status: "ready",
      scaling: { min: 1, max: 4 },
      replicas: 2,
      hardware: "1x A10G",
    });
    const together = await runCli(["get", "together:endpoint-d23901de"], env);
    expect(together.code).toBe(0);
    expect(together.stdout).toMatch(/^hardware +1x_nvidia_a100_80gb_sxm$/m);
    expect(fake.requests.map((r) => `${r.method} ${r.provider}${r.path}`)).toEqual([
      "GET baseten/v1/models/yqv4yjw/deployments/production",
      "GET together/endpoints/endpoint-d23901de",
    ]);
  });

  it("versions of a Together model lists the endpoints serving it", async () => {
    const run = await runCli(["versions", "together:meta-llama/Llama-3-8b-chat-hf", "--json"], env);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).map((v: { ref: string }) => v.ref)).toEqual(["together:endpoint-d23901de"]);
  });

  it("scale PATCHes Baseten's autoscaling settings and reads the deployment again", async () => {
    const run = await runCli(["scale", "baseten:yqv4yjw@production", "--min", "0", "--max", "3", "--yes"], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      "before  baseten:yqv4yjw@qvv0xeq  status ready (ACTIVE)  scaling 1-4  replicas 2\n" +
        "after   baseten:yqv4yjw@qvv0xeq  status ready (ACTIVE)  scaling 0-3  replicas 2\n",
    );
    expect(fake.requests.filter((r) => r.method === "PATCH").map((r) => [r.path, r.body])).toEqual([
      ["/v1/models/yqv4yjw/deployments/production/autoscaling_settings", { min_replica: 0, max_replica: 3 }],
    ]);
  });

  it("scale PATCHes a Together endpoint's autoscaling, both bounds together", async () => {
    const run = await runCli(["scale", "together:endpoint-d23901de", "--min", "2", "--max", "4", "--yes", "--json"], env);
    expect(run.code).toBe(0);
    const parsed = JSON.parse(run.stdout);
    expect([parsed.before.scaling, parsed.after.scaling]).toEqual([
      { min: 1, max: 2 },
      { min: 2, max: 4 },
    ]);
    expect(fake.requests.find((r) => r.method === "PATCH")?.body).toEqual({ autoscaling: { min_replicas: 2, max_replicas: 4 } });
  });

  it.each(["baseten:yqv4yjw@production", "together:endpoint-d23901de"])("scale %s to max 0 is refused before any request", async (ref) => {
    const run = await runCli(["scale", ref, "--min", "0", "--max", "0", "--yes"], env);
    expect(run.code).toBe(2);
    expect(run.stderr.split("\n")[0]).toMatch(/^error: .*max >= 1/);
    // Exit 2 is "before any request": not even the read that shows the version before the change.
    expect(fake.requests).toHaveLength(0);
  });
});

describe("providers", () => {
  it("shows which providers are configured, from which variables, with which base URL and commands", async () => {
    const { OPPER_API_KEY: _, ...withoutOpper } = env;
    const run = await runCli(["providers", "--base-url", "sieve=http://127.0.0.1:9/flag"], withoutOpper);
    expect(run.code).toBe(0);
    const [header, ...rows] = run.stdout
      .trimEnd()
      .split("\n")
      .map((l) => l.split(/\s{2,}/));
    expect(header).toEqual(["PROVIDER", "CONFIGURED", "KEY", "BASE URL", "COMMANDS"]);
    // One row per registered provider, in the registry's order; the rows of the built-in ones in full (a provider
    // added later needs no edit here).
    expect(rows.map((row) => row[0])).toEqual(PROVIDER_IDS);
    const expected = [
      ["sieve", "yes", "SIEVE_API_KEY", "http://127.0.0.1:9/flag (--base-url)", "ls, get, versions, scale, cost"],
      ["modzy", "yes", "MODZY_API_KEY", `${fake.baseUrlEnv.MODZY_BASE_URL} (MODZY_BASE_URL)`, "ls, get, versions, scale, start, cost"],
      [
        "deepinfra",
        "yes",
        "DEEPINFRA_API_KEY",
        `${fake.baseUrlEnv.DEEPINFRA_BASE_URL} (DEEPINFRA_BASE_URL)`,
        "ls, get, versions, scale, start, stop, cost",
      ],
      ["opper", "no", "OPPER_API_KEY (not set)", `${fake.baseUrlEnv.OPPER_BASE_URL} (OPPER_BASE_URL)`, "ls, get, versions, rollback"],
      ["opper-v2", "no", "OPPER_API_KEY (not set)", `${fake.baseUrlEnv.OPPER_V2_BASE_URL} (OPPER_V2_BASE_URL)`, "ls, get, versions"],
      [
        "replicate",
        "no",
        "REPLICATE_API_TOKEN (not set)",
        `${fake.baseUrlEnv.REPLICATE_BASE_URL} (REPLICATE_BASE_URL)`,
        "ls, get, versions, scale, cost",
      ],
      [
        "huggingface",
        "no",
        "HF_TOKEN (not set)",
        `${fake.baseUrlEnv.HUGGINGFACE_BASE_URL} (HUGGINGFACE_BASE_URL)`,
        "ls, get, versions, scale, start, stop, cost",
      ],
      [
        "baseten",
        "yes",
        "BASETEN_API_KEY",
        `${fake.baseUrlEnv.BASETEN_BASE_URL} (BASETEN_BASE_URL)`,
        "ls, get, versions, scale, start, stop, promote, cost",
      ],
      [
        "together",
        "yes",
        "TOGETHER_API_KEY",
        `${fake.baseUrlEnv.TOGETHER_BASE_URL} (TOGETHER_BASE_URL)`,
        "ls, get, versions, scale, start, stop, cost",
      ],
    ];
    expect(rows.filter((row) => expected.some((e) => e[0] === row[0]))).toEqual(expected);
    const json = await runCli(["providers", "--json"], { SIEVE_API_KEY: KEYS.SIEVE_API_KEY });
    expect(JSON.parse(json.stdout)[0]).toEqual({
      id: "sieve",
      name: "Sieve",
      configured: true,
      keyEnvVar: "SIEVE_API_KEY",
      baseUrl: null,
      baseUrlSource: null,
      baseUrlEnvVar: "SIEVE_BASE_URL",
      versionRefForm: "sieve:<owner>/<function>@<version_slug|latest>",
      modelRefForm: "sieve:<owner>/<function>",
      capabilities: {
        getVersion: true,
        listVersions: true,
        listDeployments: true,
        scale: true,
        start: false,
        stop: false,
        promote: false,
        rollback: false,
        price: false,
        usage: true,
      },
      unsupported: {
        start: expect.stringContaining("scale to min 0"),
        stop: expect.stringContaining("scale to min 0"),
        promote: "not available",
        rollback: "not available",
        price: expect.stringContaining("price table"),
      },
    });
  });
});

describe("base URLs", () => {
  it("--base-url wins over <PROVIDER>_BASE_URL", async () => {
    const other = await startFakeProviders({ "GET /deepinfra/deploy/list": { body: [] } });
    try {
      const run = await runCli(["ls", "--provider", "deepinfra", "--base-url", `deepinfra=${other.origin}/deepinfra`], env);
      expect(run).toMatchObject({ code: 0, stdout: "No deployments.\n" });
      expect(other.requests).toHaveLength(1);
      expect(fake.requests).toHaveLength(0);
    } finally {
      await other.stop();
    }
  });

  it.each([
    [["--base-url", "nonesuch=http://127.0.0.1:1"], /^error: --base-url takes <provider>=<url> with a provider among sieve, modzy/],
    [["--base-url", "sieve"], /^error: --base-url takes <provider>=<url>/],
    [["--base-url", "sieve=not a url"], /^error: --base-url sieve=… is not an absolute URL: "not a url"/],
    [["--base-url", "sieve=http://example.com"], /^error: --base-url sieve=…: baseUrl must use https \(http is allowed only for loopback/],
  ])("a bad override %j is exit 2", async (flags, message) => {
    const run = await runCli(["ls", ...flags], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(fake.requests).toHaveLength(0);
  });

  it("a bad <PROVIDER>_BASE_URL names the variable", async () => {
    const run = await runCli(["ls"], { ...env, MODZY_BASE_URL: "http://modzy.internal" });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: MODZY_BASE_URL: baseUrl must use https/);
  });
});

describe("usage", () => {
  it.each([
    [
      [],
      "error: missing command",
      "modelfleet <ls|get|versions|scale|start|stop|promote|rollback|plan|apply|export|cost|providers|ui> [options]",
    ],
    [
      ["deploy"],
      'error: unknown command "deploy"',
      "modelfleet <ls|get|versions|scale|start|stop|promote|rollback|plan|apply|export|cost|providers|ui> [options]",
    ],
    [
      ["ls", "--min", "1"],
      "error: Unknown option '--min'. To specify a positional argument starting with a '-', place it at the end of the command after '--', as in '-- \"--min\"",
      "modelfleet ls [--provider <p> ...] [--status <s> ...] [--cost] [--wide] [--json]",
    ],
    [["get"], "error: missing <ref>", "modelfleet get <ref> [--json]"],
    [["get", "a", "b"], 'error: unexpected argument "b"', "modelfleet get <ref> [--json]"],
    [
      ["scale", "deepinfra:x", "--min"],
      "error: Option '--min <value>' argument missing",
      "modelfleet scale <ref> --min <n> --max <m> [--yes] [--json]",
    ],
  ])("%j is exit 2 with the usage line", async (args, message, usage) => {
    const run = await runCli(args, env);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe(`${message}\nusage: ${usage}\n`);
  });

  it("--help and --version print to stdout and exit 0", async () => {
    const help = await runCli(["--help"], env);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(
      /^usage: modelfleet <ls\|get\|versions\|scale\|start\|stop\|promote\|rollback\|plan\|apply\|export\|cost\|providers\|ui> \[options\]\n/,
    );
    expect(help.stdout).toMatch(/exit codes: 0 ok, 1 API or network error/);
    const commandHelp = await runCli(["scale", "--help"], env);
    expect(commandHelp).toMatchObject({ code: 0, stdout: expect.stringMatching(/^usage: modelfleet scale <ref> --min <n>/) });
    // Its own help: the reference forms of the providers that can scale (and no other), and one example.
    const providers = JSON.parse((await runCli(["providers", "--json"], env)).stdout) as {
      versionRefForm: string;
      capabilities: { scale: boolean };
    }[];
    for (const p of providers) expect(commandHelp.stdout.includes(`  ${p.versionRefForm}\n`)).toBe(p.capabilities.scale);
    expect(commandHelp.stdout).toMatch(/\nexample:\n {2}modelfleet scale '[^']+' --min 0 --max 2 --yes\n/);
    const version = await runCli(["--version"], env);
    expect(version).toMatchObject({ code: 0, stdout: expect.stringMatching(/^\d+\.\d+\.\d+\n$/) });
  });
});

describe("colour", () => {
  it("is off in a pipe, on with FORCE_COLOR, and NO_COLOR beats FORCE_COLOR", async () => {
    expect((await runCli(["ls"], env)).stdout).not.toMatch(ANSI);
    expect((await runCli(["ls"], { ...env, FORCE_COLOR: "1" })).stdout).toMatch(ANSI);
    expect((await runCli(["ls"], { ...env, FORCE_COLOR: "1", NO_COLOR: "1" })).stdout).not.toMatch(ANSI);
  });

  it.skipIf(!hasScript())("on a terminal, ls colours its table and draws a progress line on stderr", async () => {
    const run = await runCliOnTerminal(["ls"], env);
    expect(run.code).toBe(0);
    const ESC = "\u001b";
    expect(run.output).toContain(`${ESC}[32mready${ESC}[39m`);
    expect(run.output).toContain(`\r${ESC}[2K⠋ waiting for `);
  });
});

describe("secrets", () => {
  it("a key echoed back by a provider never reaches the output", async () => {
    const echo = (request: FakeRequest) => ({
      status: 401,
      body: { error: `invalid token ${String(request.headers.authorization)}` },
      headers: { "x-request-id": "req-echo" },
    });
    await withRoutes({ "GET /deepinfra/deploy/fkj843kjh8": echo, "GET /deepinfra/deploy/list": echo });
    for (const args of [
      ["get", "deepinfra:fkj843kjh8"],
      ["get", "deepinfra:fkj843kjh8", "--debug"],
      ["ls", "--provider", "deepinfra", "--json"],
    ]) {
      const run = await runCli(args, env);
      expect(run.code).toBe(1);
      expect(`${run.stdout}${run.stderr}`).not.toContain(KEYS.DEEPINFRA_API_KEY);
      expect(`${run.stdout}${run.stderr}`).toContain("req-echo");
    }
  });

  it("a key given on the command line is refused as an unknown option, and not echoed back", async () => {
    // A value that is in no environment variable, so only the CLI's own message could leak it.
    const run = await runCli(["ls", "--api-key=typed-on-the-command-line-0005"], env);
    expect(run.code).toBe(2);
    expect(run.stderr.split("\n")[0]).toBe(
      "error: Unknown option '--api-key'. To specify a positional argument starting with a '-', place it at the end of the command after '--', as in '-- \"--api-key\"",
    );
    expect(run.stderr).not.toContain("typed-on-the-command-line");
  });
});

describe("--help of every command", () => {
  it("has the usage line, what it does, and one example starting with the command", async () => {
    const top = await runCli(["--help"], env);
    const commands = /^usage: modelfleet <([a-z|]+)>/.exec(top.stdout)?.[1]?.split("|") ?? [];
    expect(commands.length).toBeGreaterThan(10);
    for (const command of commands) {
      const run = await runCli([command, "--help"], env);
      expect(run).toMatchObject({ code: 0, stderr: "" });
      expect(run.stdout).toMatch(new RegExp(`^usage: modelfleet ${command}[ \\n]`));
      expect(run.stdout).toMatch(new RegExp(`\\nexample:\\n {2}modelfleet ${command} `));
    }
    expect(fake.requests).toHaveLength(0);
  });
});

describe("--json failures", () => {
  it("every kind of failure is { error, exitCode } on stdout, besides the line on stderr", async () => {
    await withRoutes({
      ...healthyRoutes(),
      "GET /deepinfra/deploy/gone": { status: 404, body: { error: "deployment not found" }, headers: { "x-request-id": "req-404" } },
    });
    const notFound = await runCli(["get", "deepinfra:gone", "--json"], env);
    expect(notFound.code).toBe(1);
    expect(JSON.parse(notFound.stdout)).toMatchObject({
      exitCode: 1,
      error: { name: "NotFoundError", status: 404, provider: "deepinfra", operationId: "getDeployment", requestId: "req-404" },
    });
    expect(notFound.stderr).toMatch(/^error: deepinfra getDeployment failed with 404/);
    const usage = await runCli(["scale", "deepinfra:x", "--min", "2", "--max", "1", "--json"], env);
    expect(usage.code).toBe(2);
    expect(JSON.parse(usage.stdout)).toEqual({
      error: { message: "--min (2) must not exceed --max (1)", usage: expect.stringMatching(/^modelfleet scale /) },
      exitCode: 2,
    });
    const unknown = await runCli(["get", "--json", "--nonesuch"], env);
    expect(JSON.parse(unknown.stdout)).toMatchObject({ exitCode: 2, error: { message: expect.stringContaining("--nonesuch") } });
    const badRef = await runCli(["versions", "nonesuch:x", "--json"], env);
    expect(JSON.parse(badRef.stdout)).toMatchObject({ exitCode: 2, error: { name: "InvalidReferenceError" } });
    // plan's usage errors are 1 there, in the JSON too.
    const plan = await runCli(["plan", "--json"], env);
    expect(plan.code).toBe(1);
    expect(JSON.parse(plan.stdout)).toMatchObject({ exitCode: 1, error: { message: "missing <file>" } });
  });
});

describe("ls on a terminal", () => {
  it.skipIf(!hasScript())(
    "fits the terminal's width, cutting the widest free-text columns with …; --wide and pipes get every cell",
    async () => {
      const fitted = await runCliOnTerminal(["ls"], { ...env, COLUMNS: "80", NO_COLOR: "1" });
      expect(fitted.code).toBe(0);
      const rows = fitted.output.split(/\r?\n/).filter((line) => line.startsWith("PROVIDER") || / (ready|failed|stopped)/.test(line));
      expect(rows.length).toBeGreaterThan(5);
      // biome-ignore lint/suspicious/noControlCharactersInRegex: the terminal's own escape sequences take no width
      for (const row of rows) expect([...row.replace(/\r|\u001b\[[0-9;?]*[A-Za-z]/g, "")].length).toBeLessThanOrEqual(80);
      expect(fitted.output).toContain("…");
      expect(fitted.output).toContain("UPDATED");

      const wide = await runCliOnTerminal(["ls", "--wide"], { ...env, COLUMNS: "80", NO_COLOR: "1" });
      expect(wide.output).toContain("meta-llama/Llama-3-8b-chat-hf");
      const piped = await runCli(["ls"], { ...env, COLUMNS: "80" });
      expect(piped.stdout).toContain("meta-llama/Llama-3-8b-chat-hf");
      expect(piped.stdout.split("\n")[0]).toMatch(/^PROVIDER +REFERENCE +MODEL +VERSION +STATUS/);
    },
  );
});
