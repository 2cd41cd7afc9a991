import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, ensureBuilt, FIXTURES, makeRepoLayout, REPO_ROOT, removeTemps, run, runCli } from "./helpers.js";

const VENDOR = join(FIXTURES, "vendor");
const RUNTIME = join(REPO_ROOT, "packages", "runtime");

/** Each vendor-style fixture (written for these tests, one quirk each), with what its import must report. */
const FIXTURE_CASES = [
  { file: "openapi30-nullable.yaml", id: "nullable", args: [], warnings: [], methods: ["getModel"] },
  {
    file: "fastapi.json",
    id: "fastapi",
    args: [],
    warnings: [],
    methods: ["listModels", "createModel", "getModel", "deleteModel", "health"],
  },
  {
    file: "missing-operation-ids.yaml",
    id: "unnamed",
    args: [],
    warnings: ["import/derived-operation-id", "import/renamed-operation"],
    methods: ["getJobs", "postJobs", "getJobsByJobId", "getJobsByJobId2"],
  },
  { file: "several-schemes.yaml", id: "keys", args: [], warnings: ["import/security-choice"], methods: ["getStatus", "listDeployments"] },
  {
    file: "no-servers.yaml",
    id: "serverless",
    args: ["--base-url", "https://serverless.example/api/v1"],
    warnings: [],
    methods: ["listItems"],
  },
  {
    file: "webhooks.yaml",
    id: "hooks",
    args: [],
    warnings: ["import/skipped-webhook", "import/skipped-method", "import/skipped-path", "import/skipped-operation"],
    methods: ["getJob"],
  },
  { file: "no-2xx.yaml", id: "partial", args: [], warnings: ["import/skipped-operation", "import/dropped-body"], methods: ["listThings"] },
  { file: "form-multipart.yaml", id: "uploads", args: [], warnings: ["import/skipped-operation"], methods: ["createToken", "uploadFile"] },
  { file: "binary-sse.yaml", id: "media", args: [], warnings: [], methods: ["synthesize", "downloadFile", "getLogs", "streamEvents"] },
  { file: "json-schema-defs.yaml", id: "chatdefs", args: [], warnings: [], methods: ["chat"] },
  { file: "multipart-file-arrays.yaml", id: "skills", args: [], warnings: [], methods: ["createSkill", "createSkillVersion"] },
  // No servers, no security, no paths: only what the vendor sends.
  { file: "webhooks-only.yaml", id: "relay", args: [], warnings: ["import/no-client"], methods: [] },
] as const;

/** The packages the build test builds: one with a client (multipart, the most varied request bodies), and the
 * types-only one (webhook payloads, no client). */
const BUILT = ["skills", "relay"] as const;

/**
 * Only catches a hang: each import generates a package and each build runs tsup, about 20 s apiece on a loaded
 * two-core machine, so the limit grows with the fixtures.
 */
const PER_FIXTURE = 60_000;

let root: string;
const imports = new Map<string, { code: number; stdout: string; stderr: string }>();

beforeAll(async () => {
  ensureBuilt();
  if (!existsSync(join(RUNTIME, "dist", "index.d.ts"))) execFileSync("npx", ["tsup"], { cwd: RUNTIME, stdio: "pipe" });
  root = await makeRepoLayout();
  for (const c of FIXTURE_CASES) {
    imports.set(c.id, await runCli(["import", join(VENDOR, c.file), "--name", c.id, "--verbose", ...c.args], root));
  }
}, FIXTURE_CASES.length * PER_FIXTURE);
afterAll(removeTemps);

describe("import: vendor-style documents, unattended", () => {
  it.each(FIXTURE_CASES)("$file imports with one warning per thing it skips or chooses", async (c) => {
    const result = imports.get(c.id) as { code: number; stdout: string; stderr: string };
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).not.toMatch(/ error /);
    for (const code of c.warnings) expect(result.stderr).toContain(`warning ${code}`);
    // The document is copied byte for byte; what it lacks lives in the sidecar.
    const ext = c.file.slice(c.file.lastIndexOf("."));
    expect(await readFile(join(root, "specs", `${c.id}.vendor${ext}`), "utf8")).toBe(await readFile(join(VENDOR, c.file), "utf8"));
    const sidecar = await readFile(join(root, "specs", `${c.id}.modelfleet.yaml`), "utf8");
    expect(sidecar).toContain(`spec: ${c.id}.vendor${ext}`);
    expect(sidecar).toContain(`package: "@modelfleet/${c.id}"`);
    // A types-only package (webhooks, no operation) has no client.ts.
    const client = await readFile(join(root, "packages", c.id, "src", "generated", "client.ts"), "utf8").catch(() => "");
    const methods = [...client.matchAll(/^ {2}(\w+)\(params/gm)].map((m) => m[1]);
    expect(methods).toEqual(c.methods);
    // The package's scripts and turbo inputs point at the real files.
    const pkg = JSON.parse(await readFile(join(root, "packages", c.id, "package.json"), "utf8")) as {
      scripts: Record<string, string>;
      exports: Record<string, unknown>;
    };
    expect(pkg.scripts.generate).toContain(`--spec ../../specs/${c.id}.modelfleet.yaml`);
    // No fleet adapter until a maintainer writes one: an unattended import leaves no failing TODO test behind.
    expect(Object.keys(pkg.exports)).toEqual([".", "./package.json"]);
    expect(existsSync(join(root, "packages", c.id, "src", "fleet.ts"))).toBe(false);
    const turbo = await readFile(join(root, "packages", c.id, "turbo.json"), "utf8");
    expect(turbo).toContain(`specs/${c.id}.vendor${ext}`);
  });

  it(
    "each package type-checks and passes its generated smoke test; a client package and the types-only one build",
    async () => {
      // Every package has the same scaffolded build (tsup.package.ts), whose declarations come from the compiler
      // the type-check below runs on every package: building two kinds proves the build, at a sixth of the CPU.
      for (const id of BUILT) {
        const build = await run(process.execPath, [BIN.tsup], join(root, "packages", id));
        expect(build.code, `${id}: ${build.stderr}`).toBe(0);
        expect(existsSync(join(root, "packages", id, "dist", "index.d.ts")), id).toBe(true);
      }
      // One TypeScript program over every imported package (each package's tsconfig is the root one plus src/).
      await writeFile(join(root, "tsconfig.json"), JSON.stringify({ extends: "./tsconfig.base.json", include: ["packages/*/src"] }));
      const typecheck = await run(process.execPath, [BIN.tsc, "--noEmit", "--pretty", "false"], root);
      expect(`${typecheck.stdout}${typecheck.stderr}`).toBe("");
      const test = await run(process.execPath, [BIN.vitest, "run", "packages"], root, { CI: "true", NO_COLOR: "1" });
      expect(test.code, `${test.stdout}${test.stderr}`).toBe(0);
      const files = (await readdir(join(root, "packages"))).filter((dir) => dir !== "runtime");
      expect(test.stdout).toMatch(new RegExp(`Test Files\\s+${files.length} passed`));
    },
    FIXTURE_CASES.length * PER_FIXTURE,
  );

  it("names what it derived and skipped, and the sidecar's choices win on the next generate", async () => {
    const unnamed = imports.get("unnamed")?.stderr ?? "";
    expect(unnamed).toContain("GET /v1/jobs has no operationId; named getJobs");
    expect(unnamed).toContain("operationId getJobsByJobId clashes with another; named getJobsByJobId2");
    const hooks = imports.get("hooks")?.stderr ?? "";
    expect(hooks).toContain("webhook jobFinished skipped");
    expect(hooks).toContain("QUERY /jobs/{id} skipped");
    expect(hooks).toContain("path /jobs?status=done skipped");
    expect(hooks).toContain("GET /jobs/{job} skipped: it duplicates GET /jobs/{id}");
    const partial = imports.get("partial")?.stderr ?? "";
    expect(partial).toContain("DELETE /things skipped: it declares no 2xx response");
    expect(partial).toContain("GET /stream skipped: a WebSocket upgrade");

    // The API key scheme picked among basic, oauth2, an API key header and bearer is the first usable one required.
    const keys = await readFile(join(root, "packages", "keys", "src", "generated", "provider.ts"), "utf8");
    expect(keys).toContain('auth: {"header":"X-Key","prefix":""}');
    // FastAPI's suffixes trimmed; the ListModelsResult schema's alias steps aside for the operation's Result type.
    const schema = await readFile(join(root, "packages", "fastapi", "src", "generated", "schema.ts"), "utf8");
    expect(schema).toContain('export type FastapiListModelsResultSchema = components["schemas"]["ListModelsResult"];');
    // A vendor example with a property its schema does not declare is not copied into the typed smoke test.
    const smoke = await readFile(join(root, "packages", "nullable", "src", "generated", "smoke.test.ts"), "utf8");
    expect(smoke).not.toContain("undocumented");

    // Bodies that are not JSON: encoded as declared on the wire, read back as Blob, string or stream.
    const uploads = await readFile(join(root, "packages", "uploads", "src", "generated", "provider.ts"), "utf8");
    expect(uploads).toContain('"bodyEncoding":"form"');
    expect(uploads).toContain('"bodyEncoding":"multipart"');
    expect(imports.get("uploads")?.stderr).toContain("PUT /raw skipped: its request body has no media type the client can send");
    const media = await readFile(join(root, "packages", "media", "src", "generated", "client.ts"), "utf8");
    expect(media).toContain("export type MediaSynthesizeResult = Blob;");
    expect(media).toContain("export type MediaGetLogsResult = string;");
    expect(media).toContain("export type MediaStreamEventsResult = ReadableStream<Uint8Array>;");

    const sidecar = join(root, "specs", "keys.modelfleet.yaml");
    await writeFile(sidecar, `${await readFile(sidecar, "utf8")}auth: bearer\nrename:\n  listDeployments: deployments\n`);
    // The vendor document itself names its package too: generate goes through the sidecar.
    const again = await runCli(["generate", "--spec", "specs/keys.vendor.yaml"], root);
    expect(again.code, again.stderr).toBe(0);
    const regenerated = await readFile(join(root, "packages", "keys", "src", "generated", "provider.ts"), "utf8");
    expect(regenerated).toContain('auth: {"header":"Authorization","prefix":"Bearer "}');
    expect(await readFile(join(root, "packages", "keys", "src", "generated", "client.ts"), "utf8")).toContain("  deployments(");
  });

  it("a JSON Schema `$defs` is typed as component schemas, never as a property of the object", async () => {
    const schema = await readFile(join(root, "packages", "chatdefs", "src", "generated", "schema.ts"), "utf8");
    expect(schema).not.toMatch(/\$defs[?]?:/);
    expect(schema).toContain('messages: components["schemas"]["Message"][];');
    expect(schema).toContain('tool_choice?: components["schemas"]["ToolChoice"];');
    // The smoke test's request body (no `$defs` in it) type-checks against the request type: see the build test.
    const smoke = await readFile(join(root, "packages", "chatdefs", "src", "generated", "smoke.test.ts"), "utf8");
    expect(smoke).not.toContain("$defs");
  });

  it("a body offering JSON and multipart whose schema holds files is sent as multipart, one part per file", async () => {
    const provider = await readFile(join(root, "packages", "skills", "src", "generated", "provider.ts"), "utf8");
    expect(provider.match(/"bodyEncoding":"multipart"/g)).toHaveLength(2);
    const schema = await readFile(join(root, "packages", "skills", "src", "generated", "schema.ts"), "utf8");
    // OpenAPI 3.1's contentMediaType of binary content is a file too.
    expect(schema).toContain("files: Blob[] | Blob;");
    // The generated smoke test reads the parts back from the request's bytes (it passes in the build test).
    const smoke = await readFile(join(root, "packages", "skills", "src", "generated", "smoke.test.ts"), "utf8");
    expect(smoke).toContain('expect(await multipartParts(request)).toEqual([\n      [\n        "files",\n        "file",');
  });

  it("a document of webhooks only is a package of their payload types, with no client", async () => {
    const stderr = imports.get("relay")?.stderr ?? "";
    expect(stderr).toContain("warning import/no-client: the document declares webhooks and no operation");
    // No server and no scheme: nothing is ever sent, so neither is asked for.
    expect(stderr).not.toContain("import/no-base-url");
    expect(stderr).not.toContain("import/default-auth");
    const generated = join(root, "packages", "relay", "src", "generated");
    expect((await readdir(generated)).sort()).toEqual(["index.ts", "schema.ts", "smoke.test.ts"]);
    const schema = await readFile(join(generated, "schema.ts"), "utf8");
    expect(schema).toContain(
      'export type RelayRunFinishedPayload = NonNullable<webhooks["run.finished"]["post"]["requestBody"]>["content"]["application/json"];',
    );
    expect(schema).toContain("export type RelayModelDeletedPayload =");
    expect(await readFile(join(generated, "index.ts"), "utf8")).toMatch(/^export type \* from "\.\/schema\.js";$/m);
    const readme = await readFile(join(root, "packages", "relay", "README.md"), "utf8");
    expect(readme).toContain("- `RelayRunFinishedPayload`: A run ended. (`POST` webhook `run.finished`)");
    // The built package exports nothing at run time.
    const built = (await import(join(root, "packages", "relay", "dist", "index.js"))) as Record<string, unknown>;
    expect(Object.keys(built)).toEqual([]);
    // generate treats the sidecar as the spec from then on: same files, nothing stale.
    const check = await runCli(["generate", "--check", "--spec", "specs/relay.modelfleet.yaml"], root);
    expect(check.code, check.stderr).toBe(0);
  });

  it("refuses bad arguments before writing anything, and a failed import leaves nothing behind", async () => {
    const bad = await runCli(["import", join(VENDOR, "no-servers.yaml"), "--name", "Bad Name"], root);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--name must be a lowercase package id");
    const missing = await runCli(["import", join(VENDOR, "nope.yaml"), "--name", "nope"], root);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("nope.yaml: no such file");

    const noBase = await runCli(["import", join(VENDOR, "no-servers.yaml"), "--name", "nobase"], root);
    expect(noBase.code).toBe(1);
    expect(noBase.stderr).toContain("error import/no-base-url");
    expect(noBase.stderr).toContain("--base-url");
    expect(existsSync(join(root, "specs", "nobase.vendor.yaml"))).toBe(false);
    expect(existsSync(join(root, "specs", "nobase.modelfleet.yaml"))).toBe(false);
    expect(existsSync(join(root, "packages", "nobase"))).toBe(false);

    // An id one of our own specs has would shadow it.
    await writeFile(join(root, "specs", "ours.yaml"), "openapi: 3.1.0\n");
    const shadow = await runCli(["import", join(VENDOR, "no-servers.yaml"), "--name", "ours", "--base-url", "https://x.example"], root);
    expect(shadow.code).toBe(2);
    expect(shadow.stderr).toContain("specs/ours.yaml exists and is not an imported document");
    expect(existsSync(join(root, "specs", "ours.modelfleet.yaml"))).toBe(false);
  });

  it("a 3.0 leftover in a 3.1 vendor document is reported with help that points at the sidecar, never at an edit", async () => {
    const document = join(root, "leftover.yaml");
    const text = (await readFile(join(VENDOR, "openapi30-nullable.yaml"), "utf8")).replace("openapi: 3.0.3", "openapi: 3.1.0");
    await writeFile(document, text);
    const result = await runCli(["import", document, "--name", "leftover", "--verbose"], root);
    expect(result.code, result.stderr).toBe(0);
    const nullable = result.stderr.split("\n").findIndex((line) => line.includes("warning") && line.includes("`nullable`"));
    expect(nullable, result.stderr).toBeGreaterThanOrEqual(0);
    const help = result.stderr
      .split("\n")
      .slice(nullable, nullable + 4)
      .join("\n");
    expect(help).toContain("specs/leftover.modelfleet.yaml");
    expect(help).toContain("do not edit it");
    expect(result.stderr).not.toMatch(/write `type: \[/);
  });
});
