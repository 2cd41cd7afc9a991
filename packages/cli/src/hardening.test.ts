/**
 * The CLI facing hostile providers and hostile data: keys in any encoding, fields a spec marks sensitive, terminal
 * escape sequences, huge listings, and providers that never answer. Every captured output is scanned at the end.
 */
import { afterAll, afterEach, describe, expect, it } from "vitest";
import {
  allOutput,
  deepinfraDeployment,
  healthyRoutes,
  KEYS,
  type Routes,
  runCli,
  startFakeProviders,
} from "./fake-providers.test-helper.js";

/** A key with characters JSON escapes: `"` and `\`. Both are valid in an HTTP header value. */
const QUOTED_KEY = 'deepinfra-key-"QUOTED"\\back-0005';
/** What DeepInfra's spec marks `x-modelfleet-sensitive` (`config.weights.token`). */
const HF_TOKEN = "hf_SENSITIVE_weights_token_42";

let fake: Awaited<ReturnType<typeof startFakeProviders>> | undefined;

async function withRoutes(routes: Routes, keys: Record<string, string> = KEYS) {
  await fake?.stop();
  fake = await startFakeProviders(routes);
  return { ...keys, ...fake.baseUrlEnv };
}

afterEach(async () => {
  await fake?.stop();
  fake = undefined;
});

afterAll(() => {
  for (const output of allOutput) {
    for (const key of [...Object.values(KEYS), QUOTED_KEY, JSON.stringify(QUOTED_KEY).slice(1, -1)]) expect(output).not.toContain(key);
  }
});

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding raw control characters is the point
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

describe("the output filter", () => {
  it("catches the key as it appears JSON-escaped, not only as it is", async () => {
    // A provider echoing the key inside a field the CLI prints as is (the caller's own data, not an error).
    const env = await withRoutes(
      {
        "GET /deepinfra/deploy/list": { body: [{ ...deepinfraDeployment("d1"), model_name: `echo ${QUOTED_KEY}` }] },
        "GET /deepinfra/deploy/d1": { body: { ...deepinfraDeployment("d1"), model_name: `echo ${QUOTED_KEY}` } },
      },
      { DEEPINFRA_API_KEY: QUOTED_KEY },
    );
    const json = await runCli(["ls", "--json"], env);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).deployments[0].model).toBe("echo [redacted]");
    const table = await runCli(["get", "deepinfra:d1"], env);
    expect(table.stdout).toContain("echo [redacted]");
    // The request itself carried the key as given.
    expect(fake?.requests[0]?.headers.authorization).toBe(`Bearer ${QUOTED_KEY}`);
  });
});

describe("fields a spec marks x-modelfleet-sensitive", () => {
  const withToken = (id: string) => ({
    ...deepinfraDeployment(id),
    config: { gpu: "A100-80GB", num_gpus: 1, weights: { repo: "acme/private", token: HF_TOKEN } },
  });
  const routes = (): Routes => ({
    ...healthyRoutes(),
    "GET /deepinfra/deploy/list": { body: [withToken("fkj843kjh8")] },
    "GET /deepinfra/deploy/fkj843kjh8": { body: withToken("fkj843kjh8") },
    "PUT /deepinfra/deploy/fkj843kjh8": { body: { deploy_id: "fkj843kjh8" } },
    "GET /deepinfra/deploy/broken": { status: 422, body: { message: "bad weights", weights: { token: HF_TOKEN } } },
  });

  it("are masked in every format and command, on stdout and stderr, --debug included", async () => {
    const env = await withRoutes(routes());
    const runs = [
      await runCli(["ls", "--json"], env),
      await runCli(["ls"], env),
      await runCli(["get", "deepinfra:fkj843kjh8", "--json"], env),
      await runCli(["get", "deepinfra:fkj843kjh8", "--debug"], env),
      await runCli(["scale", "deepinfra:fkj843kjh8", "--min", "1", "--max", "2", "--yes", "--json"], env),
      await runCli(["get", "deepinfra:broken", "--json", "--debug"], env),
    ];
    // A listing that fails with the sensitive field in its error body, shown in `ls --json`'s failures.
    const failing = await withRoutes({
      ...routes(),
      "GET /deepinfra/deploy/list": { status: 422, body: { weights: { token: HF_TOKEN } } },
    });
    runs.push(await runCli(["ls", "--json", "--debug"], failing));
    for (const run of runs) {
      expect(run.stdout + run.stderr).not.toContain(HF_TOKEN);
    }
    const listed = JSON.parse(runs[0]?.stdout ?? "");
    expect(listed.deployments[2].raw.config.weights).toEqual({ repo: "acme/private", token: "[sensitive]" });
    const scaled = JSON.parse(runs[4]?.stdout ?? "");
    expect(scaled.before.raw.config.weights.token).toBe("[sensitive]");
  });

  it("are shown as they are with --show-secrets (and still never the key)", async () => {
    const env = await withRoutes(routes());
    const run = await runCli(["get", "deepinfra:fkj843kjh8", "--json", "--show-secrets"], env);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).raw.config.weights.token).toBe(HF_TOKEN);
    const ls = await runCli(["ls", "--json", "--show-secrets"], env);
    expect(JSON.parse(ls.stdout).deployments[2].raw.config.weights.token).toBe(HF_TOKEN);
  });
});

describe("terminal escape injection", () => {
  const EVIL = "evil\u001b[31mred\u0007bell\u009b2Jcsi\r\nnext";
  const evilRoutes = (): Routes => ({
    "GET /deepinfra/deploy/list": { body: [{ ...deepinfraDeployment("d1"), model_name: EVIL, status: EVIL }] },
    "GET /deepinfra/deploy/d1": { body: { ...deepinfraDeployment("d1"), model_name: EVIL, status: EVIL } },
    "GET /deepinfra/deploy/d2": { status: 404, body: { detail: `no such deployment ${EVIL}` } },
  });

  it("is escaped in tables, get and stderr lines; --json stays valid and holds the value exactly", async () => {
    const env = await withRoutes(evilRoutes(), { DEEPINFRA_API_KEY: KEYS.DEEPINFRA_API_KEY });
    const table = await runCli(["ls"], env);
    const get = await runCli(["get", "deepinfra:d1"], env);
    const failed = await runCli(["get", "deepinfra:d2"], env);
    const json = await runCli(["ls", "--json"], env);
    expect(table.code).toBe(0);
    expect(failed.code).toBe(1);
    for (const run of [table, get, failed, json]) {
      expect(run.stdout).not.toMatch(RAW_CONTROL);
      expect(run.stderr).not.toMatch(RAW_CONTROL);
    }
    expect(table.stdout).toContain("evil\\x1b[31mred\\x07bell\\x9b2Jcsi\\r\\nnext");
    expect(get.stdout).toContain("evil\\x1b[31mred");
    expect(failed.stderr).toContain("no such deployment evil\\x1b[31mred");
    // One line per deployment: the CR LF inside the value did not start a new row.
    expect(table.stdout.trimEnd().split("\n")).toHaveLength(2);
    expect(JSON.parse(json.stdout).deployments[0].model).toBe(EVIL);
  });
});

describe("huge listings", () => {
  it("ls renders 10 000 deployments as an aligned table and --json", async () => {
    const many = Array.from({ length: 10_000 }, (_, i) => deepinfraDeployment(`d${i}`));
    const env = await withRoutes({ "GET /deepinfra/deploy/list": { body: many } }, { DEEPINFRA_API_KEY: KEYS.DEEPINFRA_API_KEY });
    const run = await runCli(["ls"], env);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(10_001);
    // Columns line up: every row's model starts where the header's MODEL does.
    const at = lines[0]?.indexOf("MODEL") ?? -1;
    expect(at).toBeGreaterThan(0);
    for (const line of lines.slice(1)) expect(line.slice(at, at + 15)).toBe("acme/llama-3-8b");
    const json = await runCli(["ls", "--json"], env);
    expect(JSON.parse(json.stdout).deployments).toHaveLength(10_000);
  });
});

describe("--timeout", () => {
  it("a provider that never answers fails after --timeout seconds, while the others are listed (exit 3)", async () => {
    const env = await withRoutes({ ...healthyRoutes(), "GET /deepinfra/deploy/list": { hang: true } });
    const run = await runCli(["ls", "--timeout", "1"], env);
    expect(run.code).toBe(3);
    expect(run.stdout).toContain("sieve:acme/whisper@v-whisper-7");
    // The provider and the operation waited for, and never the CLI's internal class name.
    expect(run.stderr).toContain("warning: deepinfra failed: deepinfra listDeployments: no answer within 1 s (--timeout)");
    expect(run.stderr).not.toContain("Error:");
  });

  it("get, versions and scale take it too, and end with exit 1 naming the limit", async () => {
    const env = await withRoutes({
      ...healthyRoutes(),
      "GET /deepinfra/deploy/slow": { hang: true },
      "GET /sieve/v2/functions/acme/slow/versions": { hang: true },
    });
    const get = await runCli(["get", "deepinfra:slow", "--timeout", "0.5"], env);
    const versions = await runCli(["versions", "sieve:acme/slow", "--timeout", "0.5"], env);
    const scale = await runCli(["scale", "deepinfra:slow", "--min", "0", "--max", "1", "--yes", "--timeout", "0.5"], env);
    expect(get.stderr).toBe("error: deepinfra getVersion: no answer within 0.5 s (--timeout)\n");
    expect(versions.stderr).toBe("error: sieve listVersions: no answer within 0.5 s (--timeout)\n");
    expect(scale.stderr).toBe("error: deepinfra getVersion: no answer within 0.5 s (--timeout)\n");
    for (const run of [get, versions, scale]) expect(run.code).toBe(1);
    const json = await runCli(["get", "deepinfra:slow", "--timeout", "0.5", "--json"], env);
    expect(JSON.parse(json.stdout)).toEqual({
      error: {
        message: "deepinfra getVersion: no answer within 0.5 s (--timeout)",
        provider: "deepinfra",
        operation: "getVersion",
        timeoutSeconds: 0.5,
      },
      exitCode: 1,
    });
    const providers = await runCli(["providers", "--timeout", "5"], env);
    expect(providers.code).toBe(0);
  });

  it.each([["0"], ["-1"], ["abc"], ["1e9"], [""]])("--timeout %j is a usage error before any request", async (value) => {
    const env = await withRoutes(healthyRoutes());
    const run = await runCli(["ls", "--timeout", value], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--timeout");
    expect(fake?.requests).toHaveLength(0);
  });
});
