import { readdirSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { conformSpec } from "../src/conform/command.js";
import { CONFORM_CODES } from "../src/conform/finding.js";
import { formatDiagnostic } from "../src/diagnostics.js";
import { buildModel } from "../src/generate/model.js";
import { parseSpec } from "../src/openapi/load.js";
import { FIXTURES, removeTemps, runCli, tempDir } from "./helpers.js";

const DIR = join(FIXTURES, "conform");
const VENDOR = join(DIR, "vendor-acme.yaml");
const PAIRS = readdirSync(join(DIR, "pairs")).sort();

const check = (spec: string, vendor = VENDOR) => conformSpec({ root: DIR, cwd: DIR, spec, vendor: { file: vendor } });

afterEach(removeTemps);

describe("conform: a fixture pair for every check", () => {
  it("covers every code conform reports", () => {
    expect(PAIRS.map((p) => `conform/${p}`)).toEqual(Object.keys(CONFORM_CODES).sort());
  });

  it.each(PAIRS)("conform/%s: the broken spec is reported, the fixed one is clean", async (pair) => {
    const broken = await check(join("pairs", pair, "broken.yaml"));
    expect(broken.diagnostics.length).toBeGreaterThan(0);
    expect(new Set(broken.diagnostics.map((d) => `${d.severity} ${d.code}`))).toEqual(new Set([`error conform/${pair}`]));
    for (const d of broken.diagnostics) {
      // Located in our spec and in the vendor's document.
      expect(d.file).toBe(`pairs/${pair}/broken.yaml`);
      expect(d.line).toBeGreaterThan(1);
      expect(d.related).toMatchObject({ label: "vendor", file: "vendor-acme.yaml" });
      expect(d.related?.pointer).toMatch(/^#\//);
      expect(d.related?.line).toBeGreaterThan(1);
    }
    expect(broken.counts.findings).toBe(broken.diagnostics.length);
    const fixed = await check(join("pairs", pair, "fixed.yaml"));
    expect(fixed.diagnostics).toEqual([]);
    expect(fixed.counts).toMatchObject({ findings: 0, allowed: 0, unused: 0 });
    expect(fixed.counts.operations).toBe(1);
  });

  it("prints the house format: file:line:col severity code message, our pointer, the vendor's place, help", async () => {
    const [d] = (await check("pairs/request-body-not-required/broken.yaml")).diagnostics;
    const text = formatDiagnostic(d as NonNullable<typeof d>);
    expect(text).toMatch(
      /^pairs\/request-body-not-required\/broken\.yaml:\d+:\d+ error conform\/request-body-not-required: POST \/v1\/deployments\/\{deployment_id\}\/promote: the vendor requires a request body; ours makes it optional\n {2}at #\/paths\/~1deployments~1\{deployment_id\}~1promote\/post\/requestBody\n {2}vendor: vendor-acme\.yaml:\d+:\d+ #\/paths\/~1deployments~1\{deployment_id\}~1promote\/post\/requestBody\n {2}help: /,
    );
  });

  it("names the exact property, at depth, and the vendor's required property", async () => {
    const unknown = await check("pairs/response-property-unknown/broken.yaml");
    expect(unknown.diagnostics.map((d) => [d.message, d.pointer])).toEqual([
      [
        "GET /v1/deployments/{deployment_id} → 200: the vendor's response has no property `hardware.region`",
        "#/components/schemas/Deployment/properties/hardware/properties/region",
      ],
    ]);
    const missing = await check("pairs/request-property-missing/broken.yaml");
    expect(missing.diagnostics.map((d) => d.related?.pointer)).toEqual(["#/components/schemas/PromoteRequest/properties/target"]);
  });
});

describe("conform: the allow-list", () => {
  async function withAllowList(pair: string, conform: unknown): Promise<string> {
    const dir = await tempDir();
    const doc = parse(await readFile(join(DIR, "pairs", pair, "broken.yaml"), "utf8")) as Record<string, unknown>;
    doc["x-modelfleet-conform"] = conform;
    const file = join(dir, "acme.yaml");
    await writeFile(file, stringify(doc));
    return file;
  }

  it("an entry with a reason covers the findings of its code at its pointer or below, and they are counted", async () => {
    const file = await withAllowList("response-property-unknown", {
      ignore: [
        {
          code: "conform/response-property-unknown",
          pointer: "#/components/schemas/Deployment/properties/hardware",
          reason: "region is read from a header we add",
        },
      ],
    });
    const report = await check(file);
    expect(report.diagnostics).toEqual([]);
    expect(report.counts).toMatchObject({ findings: 0, allowed: 1, unused: 0 });
  });

  it("an entry may name the vendor's pointer instead of ours", async () => {
    const file = await withAllowList("parameter-unknown", {
      ignore: [{ code: "conform/parameter-unknown", pointer: "#/paths/~1deployments/get", reason: "page is accepted though undocumented" }],
    });
    expect((await check(file)).counts).toMatchObject({ findings: 0, allowed: 1 });
  });

  it("an entry of another code does not cover a finding; an entry matching nothing is a warning", async () => {
    const file = await withAllowList("parameter-unknown", {
      ignore: [{ code: "conform/parameter-missing", pointer: "#/paths/~1deployments/get", reason: "a reason long enough to read" }],
    });
    const report = await check(file);
    expect(report.diagnostics.map((d) => `${d.severity} ${d.code}`)).toEqual([
      "error conform/parameter-unknown",
      "warning conform/unused-ignore",
    ]);
    expect(report.counts).toMatchObject({ findings: 1, allowed: 0, unused: 1 });
  });

  it.each([
    [
      { ignore: [{ code: "conform/parameter-unknown", pointer: "#/paths/~1deployments/get" }] },
      /needs a reason/,
      "#/x-modelfleet-conform/ignore/0",
    ],
    [
      { ignore: [{ code: "conform/parameter-unknown", pointer: "#/paths/~1deployments/get", reason: "ok" }] },
      /needs a reason/,
      "#/x-modelfleet-conform/ignore/0/reason",
    ],
    [
      { ignore: [{ code: "conform/typo", pointer: "#/paths", reason: "a long enough reason" }] },
      /not one conform reports/,
      "#/x-modelfleet-conform/ignore/0/code",
    ],
    [
      { ignore: [{ code: "conform/parameter-unknown", pointer: "paths", reason: "a long enough reason" }] },
      /JSON pointer/,
      "#/x-modelfleet-conform/ignore/0/pointer",
    ],
    [
      { ignore: [{ code: "conform/parameter-unknown", pointer: "#/paths", reason: "a long enough reason", until: "2027" }] },
      /unknown key `until`/,
      "#/x-modelfleet-conform/ignore/0/until",
    ],
    [{ skip: [] }, /one key, `ignore`/, "#/x-modelfleet-conform"],
  ])("a broken allow-list is an error naming its place (%#), in conform and in generate alike", async (conform, message, pointer) => {
    const file = await withAllowList("parameter-unknown", conform);
    const report = await check(file);
    const invalid = report.diagnostics.filter((d) => d.code === "conform/invalid-allow-list");
    expect(invalid.map((d) => [d.pointer, d.severity])).toEqual([[pointer, "error"]]);
    expect(invalid[0]?.message).toMatch(message);
    expect(invalid[0]?.line).toBeGreaterThan(0);
    const text = await readFile(file, "utf8");
    const { diagnostics } = buildModel(parseSpec("acme.yaml", file, text), "acme");
    expect(diagnostics.filter((d) => d.code === "conform/invalid-allow-list").map((d) => d.pointer)).toEqual([pointer]);
  });

  it("generate accepts a valid allow-list and upstream, and refuses an upstream that is not https", async () => {
    const file = await withAllowList("parameter-unknown", {
      ignore: [{ code: "conform/parameter-unknown", pointer: "#/paths", reason: "a long enough reason" }],
    });
    const doc = parse(await readFile(file, "utf8")) as { info: { "x-modelfleet": Record<string, unknown> } };
    doc.info["x-modelfleet"].upstream = { url: "https://api.acme.test/openapi.json" };
    expect(buildModel(parseSpec("acme.yaml", file, stringify(doc)), "acme").diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    doc.info["x-modelfleet"].upstream = { url: "http://api.acme.test/openapi.json" };
    const { diagnostics } = buildModel(parseSpec("acme.yaml", file, stringify(doc)), "acme");
    expect(diagnostics.map((d) => [d.code, d.pointer, d.message])).toEqual([
      [
        "modelfleet/invalid-extension",
        "#/info/x-modelfleet/upstream",
        'info.x-modelfleet.upstream.url "http://api.acme.test/openapi.json" must use https',
      ],
    ]);
  });
});

describe("conform: the command line", () => {
  it("exits 1 with the findings on stderr and the summary on stdout, 0 once fixed", async () => {
    const broken = await runCli(["conform", "pairs/auth-mismatch/broken.yaml", "--against", "vendor-acme.yaml", "--root", DIR], DIR);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(
      /^pairs\/auth-mismatch\/broken\.yaml:\d+:\d+ error conform\/auth-mismatch: GET \/v1\/deployments\/\{deployment_id\}: the vendor accepts http bearer; ours sends apiKey header x-acme-key/,
    );
    expect(broken.stdout).toBe(
      "pairs/auth-mismatch/broken.yaml against vendor-acme.yaml: 1 operation(s), 1 finding(s), 0 allowed by x-modelfleet-conform, 0 unused allow-list entries\n",
    );
    const fixed = await runCli(["conform", "pairs/auth-mismatch/fixed.yaml", "--against", "vendor-acme.yaml", "--root", DIR], DIR);
    expect([fixed.code, fixed.stderr]).toEqual([0, ""]);
  });

  it("exits 2 when a document cannot be read, and on a usage error", async () => {
    const missing = await runCli(["conform", "pairs/auth-mismatch/fixed.yaml", "--against", "no-such.yaml", "--root", DIR], DIR);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no-such\.yaml error spec\/unreadable/);
    const usage = await runCli(["conform", "pairs/auth-mismatch/fixed.yaml", "--root", DIR], DIR);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/conform needs --against/);
    const misplaced = await runCli(["generate", "--against", "x.yaml", "--root", DIR], DIR);
    expect([misplaced.code, misplaced.stderr.split("\n")[0]]).toEqual([2, "modelfleet-codegen: --against is an option of conform only"]);
  });
});
