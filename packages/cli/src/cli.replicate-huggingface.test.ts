import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { allOutput, type Routes, runCli, startFakeProviders } from "./fake-providers.test-helper.js";

// Replicate and Hugging Face through the built binary, against one loopback server standing in for both.
const KEYS = { REPLICATE_API_TOKEN: "r8_replicate-SECRET-0005", HF_TOKEN: "hf_huggingface-SECRET-0006" } as const;
const VERSION_ID = "da77bc59ee60423279fd632efb4795ab731d9e3ca9705ef3341091fb989b7eaf";

function deployment(name: string, min: number, max: number, number = 1) {
  return {
    owner: "acme",
    name,
    current_release: {
      number,
      model: "stability-ai/sdxl",
      version: VERSION_ID,
      created_at: "2026-01-05T09:30:00.123456Z",
      configuration: { hardware: "gpu-t4", min_instances: min, max_instances: max },
    },
  };
}

function endpoint(state: string, min: number, max: number) {
  return {
    name: "my-endpoint",
    type: "protected",
    provider: { vendor: "aws", region: "us-east-1" },
    compute: { accelerator: "gpu", instanceType: "nvidia-l4", instanceSize: "x1", scaling: { minReplica: min, maxReplica: max } },
    model: { repository: "acme/llama-ft", revision: "11c5a3d5", framework: "pytorch", image: { huggingface: {} } },
    status: {
      state,
      message: "",
      createdAt: "2026-01-02T08:00:00.000Z",
      updatedAt: "2026-01-06T10:15:00.000Z",
      createdBy: { id: "u1", name: "acme" },
      readyReplica: 1,
      targetReplica: 1,
    },
  };
}

/** The fake's own origin, as Replicate's `next` URLs name the API's (a full URL on the origin that was asked). */
const origin = (request: { headers: Record<string, string | string[] | undefined> }) => `http://${request.headers.host}`;

function routes(): Routes {
  return {
    "GET /replicate/deployments": (request) =>
      request.query.get("cursor") === "p2"
        ? { body: { next: null, previous: null, results: [deployment("upscaler", 0, 2)] } }
        : {
            body: { next: `${origin(request)}/replicate/deployments?cursor=p2`, previous: null, results: [deployment("image-gen", 1, 5)] },
          },
    "GET /replicate/deployments/acme/image-gen": { body: deployment("image-gen", 1, 5) },
    "PATCH /replicate/deployments/acme/image-gen": (request) => {
      const body = request.body as { min_instances: number; max_instances: number };
      return { body: deployment("image-gen", body.min_instances, body.max_instances, 2) };
    },
    "GET /replicate/models/replicate/hello-world/versions": {
      body: { next: null, previous: null, results: [{ id: "5c7d5dc6", created_at: "2022-04-26T19:29:04.418669Z" }] },
    },
    "GET /huggingface/v2/endpoint/acme-ml": { body: { items: [endpoint("scaledToZero", 0, 2)] } },
    "GET /huggingface/v2/endpoint/acme-ml/my-endpoint": { body: endpoint("running", 1, 1) },
    "PUT /huggingface/v2/endpoint/acme-ml/my-endpoint": { body: endpoint("updating", 0, 2) },
  };
}

let fake: Awaited<ReturnType<typeof startFakeProviders>>;
let env: Record<string, string>;

beforeEach(async () => {
  fake = await startFakeProviders(routes());
  env = { ...KEYS, REPLICATE_BASE_URL: fake.baseUrlEnv.REPLICATE_BASE_URL, HUGGINGFACE_BASE_URL: fake.baseUrlEnv.HUGGINGFACE_BASE_URL };
});
afterEach(() => fake.stop());
afterAll(() => {
  for (const output of allOutput) for (const key of Object.values(KEYS)) expect(output).not.toContain(key);
});

const cells = (stdout: string) =>
  stdout
    .trimEnd()
    .split("\n")
    .map((l) => l.split(/\s{2,}/));

describe("replicate and huggingface from the command line", () => {
  it("ls lists both: Replicate's pages followed, Hugging Face's namespace from HF_NAMESPACE, each key its way", async () => {
    const run = await runCli(["ls"], { ...env, HF_NAMESPACE: "acme-ml" });
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(cells(run.stdout).slice(1)).toEqual([
      ["replicate", "replicate:acme/image-gen", "stability-ai/sdxl", "da77bc59ee60…", "unknown", "1-5", "-", "2026-01-05T09:30Z"],
      ["replicate", "replicate:acme/upscaler", "stability-ai/sdxl", "da77bc59ee60…", "unknown", "0-2", "-", "2026-01-05T09:30Z"],
      [
        "huggingface",
        "huggingface:acme-ml/my-endpoint",
        "acme/llama-ft",
        "11c5a3d5",
        "ready (scaledToZero)",
        "0-2",
        "1",
        "2026-01-06T10:15Z",
      ],
    ]);
    const replicate = fake.requests.filter((r) => r.provider === "replicate");
    expect(replicate.map((r) => r.query.get("cursor"))).toEqual([null, "p2"]);
    expect(replicate[0]?.headers.authorization).toBe(`Bearer ${KEYS.REPLICATE_API_TOKEN}`);
    expect(fake.requests.find((r) => r.provider === "huggingface")?.headers.authorization).toBe(`Bearer ${KEYS.HF_TOKEN}`);
  });

  it("ls without HF_NAMESPACE warns that Hugging Face needs it and still shows Replicate (exit 3)", async () => {
    const run = await runCli(["ls"], env);
    expect(run.code).toBe(3);
    expect(run.stdout).toContain("replicate:acme/image-gen");
    expect(run.stderr).toMatch(/^warning: huggingface failed: .*HF_NAMESPACE/m);
    expect(fake.requests.filter((r) => r.provider === "huggingface")).toHaveLength(0);
  });

  it("ls stops a Replicate listing whose next page repeats a cursor, says why, and lists the rest (exit 3)", async () => {
    await fake.stop();
    fake = await startFakeProviders({
      ...routes(),
      "GET /replicate/deployments": (request) => ({
        body: {
          next: `${origin(request)}/replicate/deployments?cursor=again`,
          results: [deployment(request.query.get("cursor") === "again" ? "upscaler" : "image-gen", 1, 5)],
        },
      }),
    });
    const run = await runCli(["ls"], { ...KEYS, ...fake.baseUrlEnv, HF_NAMESPACE: "acme-ml" });
    expect(run.code).toBe(3);
    expect(run.stdout).toContain("huggingface:acme-ml/my-endpoint");
    expect(run.stderr).toMatch(/^warning: replicate failed: replicate listDeployments: listing stopped at page 3 \(repeated-cursor\)/m);
    expect(fake.requests.filter((r) => r.provider === "replicate").map((r) => r.query.get("cursor"))).toEqual([null, "again"]);
  });

  it("ls never follows a Replicate next URL on another origin: the key stays home, the rest is listed (exit 3)", async () => {
    await fake.stop();
    fake = await startFakeProviders({
      ...routes(),
      "GET /replicate/deployments": {
        body: { next: "https://api.replicate.com/v1/deployments?cursor=p2", results: [deployment("image-gen", 1, 5)] },
      },
    });
    const run = await runCli(["ls"], { ...KEYS, ...fake.baseUrlEnv, HF_NAMESPACE: "acme-ml" });
    expect(run.code).toBe(3);
    expect(run.stdout).toContain("huggingface:acme-ml/my-endpoint");
    expect(run.stderr).toMatch(/^warning: replicate failed: .*listing stopped at page 2 \(foreign-next-url\)/m);
    expect(fake.requests.filter((r) => r.provider === "replicate").map((r) => r.query.get("cursor"))).toEqual([null]);
  });

  it("get of a Replicate model version that does not exist is exit 1 with Replicate's detail", async () => {
    const run = await runCli(["get", "replicate:acme/model@nope"], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: replicate getModelVersion failed with 404/);
  });

  it("get --json prints a Replicate deployment with its release's version", async () => {
    const run = await runCli(["get", "replicate:acme/image-gen", "--json"], env);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      ref: "replicate:acme/image-gen",
      provider: "replicate",
      version: VERSION_ID,
      status: "unknown",
      providerStatus: null,
      scaling: { min: 1, max: 5 },
      hardware: "gpu-t4",
      raw: { current_release: { number: 1 } },
    });
  });

  it("versions lists a Replicate model's versions", async () => {
    const run = await runCli(["versions", "replicate:replicate/hello-world"], env);
    expect(run.code).toBe(0);
    expect(cells(run.stdout)[1]?.[0]).toBe("replicate:replicate/hello-world@5c7d5dc6");
  });

  it("scale of a Replicate deployment sends one PATCH of min_instances/max_instances", async () => {
    const run = await runCli(["scale", "replicate:acme/image-gen", "--min", "0", "--max", "3", "--yes"], env);
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout).toMatch(/^after {3}replicate:acme\/image-gen .*scaling 0-3/m);
    const writes = fake.requests.filter((r) => r.method === "PATCH");
    expect(writes.map((r) => [r.path, r.body])).toEqual([["/deployments/acme/image-gen", { min_instances: 0, max_instances: 3 }]]);
  });

  it("scale above Replicate's documented bounds is refused naming --max's value, and nothing is written", async () => {
    const run = await runCli(["scale", "replicate:acme/image-gen", "--min", "1", "--max", "21", "--yes"], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/max \(21\) must be at most 20 on Replicate/);
    expect(fake.requests.filter((r) => r.method !== "GET")).toHaveLength(0);
  });

  it("scale of a Hugging Face endpoint PUTs compute with the new bounds, keeping its instance", async () => {
    const run = await runCli(["scale", "huggingface:acme-ml/my-endpoint", "--min", "0", "--max", "2", "--yes"], env);
    expect(run).toMatchObject({ code: 0, stderr: "" });
    const put = fake.requests.find((r) => r.method === "PUT");
    expect(put?.body).toEqual({
      compute: {
        accelerator: "gpu",
        instanceType: "nvidia-l4",
        instanceSize: "x1",
        scaling: { minReplica: 0, maxReplica: 2, scaleToZeroTimeout: 60 },
      },
    });
    expect(run.stdout).toMatch(/^after {3}huggingface:acme-ml\/my-endpoint .*deploying \(updating\).*scaling 0-2/m);
  });
});

describe("replicate and huggingface: sensitive fields and hostile text", () => {
  const SECRET_VALUE = "hf-endpoint-SENSITIVE-secret-value";
  const withSecrets = () => {
    const base = endpoint("running", 1, 1);
    return {
      ...base,
      model: {
        ...base.model,
        secrets: { DB_PASSWORD: SECRET_VALUE },
        image: { custom: { url: "registry.example/app:1", credentials: { username: "bot", password: SECRET_VALUE } } },
      },
    };
  };

  it("Hugging Face's x-modelfleet-sensitive fields (secrets, credentials) are masked in ls and get unless --show-secrets", async () => {
    await fake.stop();
    fake = await startFakeProviders({
      ...routes(),
      "GET /huggingface/v2/endpoint/acme-ml": { body: { items: [withSecrets()] } },
      "GET /huggingface/v2/endpoint/acme-ml/my-endpoint": { body: withSecrets() },
    });
    const hfEnv = { HF_TOKEN: KEYS.HF_TOKEN, HUGGINGFACE_BASE_URL: fake.baseUrlEnv.HUGGINGFACE_BASE_URL, HF_NAMESPACE: "acme-ml" };
    const runs = [
      await runCli(["ls", "--json"], hfEnv),
      await runCli(["ls"], hfEnv),
      await runCli(["get", "huggingface:acme-ml/my-endpoint", "--json", "--debug"], hfEnv),
      await runCli(["get", "huggingface:acme-ml/my-endpoint"], hfEnv),
    ];
    for (const run of runs) {
      expect(run.code).toBe(0);
      expect(run.stdout + run.stderr).not.toContain(SECRET_VALUE);
    }
    const got = JSON.parse(runs[2]?.stdout ?? "");
    expect(got.raw.model.secrets).toBe("[sensitive]");
    expect(got.raw.model.image.custom.credentials).toBe("[sensitive]");
    const shown = await runCli(["get", "huggingface:acme-ml/my-endpoint", "--json", "--show-secrets"], hfEnv);
    expect(JSON.parse(shown.stdout).raw.model.secrets).toEqual({ DB_PASSWORD: SECRET_VALUE });
  });

  it("control characters in Replicate and Hugging Face data are escaped in tables and get", async () => {
    const EVIL = "evil\u001b[31mred\u0007bell\r\nnext";
    await fake.stop();
    fake = await startFakeProviders({
      "GET /replicate/deployments": {
        body: { next: null, results: [{ ...deployment("image-gen", 1, 5), current_release: { model: EVIL } }] },
      },
      "GET /huggingface/v2/endpoint/acme-ml": { body: { items: [{ ...endpoint("running", 1, 1), model: { repository: EVIL } }] } },
      "GET /huggingface/v2/endpoint/acme-ml/my-endpoint": { body: { ...endpoint(EVIL, 1, 1) } },
    });
    const both = {
      ...KEYS,
      REPLICATE_BASE_URL: fake.baseUrlEnv.REPLICATE_BASE_URL,
      HUGGINGFACE_BASE_URL: fake.baseUrlEnv.HUGGINGFACE_BASE_URL,
      HF_NAMESPACE: "acme-ml",
    };
    const table = await runCli(["ls"], both);
    const get = await runCli(["get", "huggingface:acme-ml/my-endpoint"], both);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding raw control characters is the point
    const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
    for (const run of [table, get]) {
      expect(run.code).toBe(0);
      expect(run.stdout).not.toMatch(RAW_CONTROL);
      expect(run.stderr).not.toMatch(RAW_CONTROL);
    }
    expect(table.stdout).toContain("evil\\x1b[31mred\\x07bell\\r\\nnext");
    expect(get.stdout).toContain("evil\\x1b[31mred");
    // A header and one row per deployment: the CR LF inside the values started no new row.
    expect(table.stdout.trimEnd().split("\n")).toHaveLength(3);
  });
});
