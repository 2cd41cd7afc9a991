import { execFile, execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Diagnostic } from "../src/diagnostics.js";
import { generate, type SpecResult } from "../src/generate/generate.js";

const TEST_DIR = dirname(fileURLToPath(import.meta.url));
const FIXTURES = join(TEST_DIR, "fixtures");
const CODEGEN_DIR = join(TEST_DIR, "..");
const REPO_ROOT = join(CODEGEN_DIR, "..", "..");
const CLI = join(CODEGEN_DIR, "dist", "cli.js");

const GENERATED = ["schema.ts", "provider.ts", "client.ts", "index.ts", "smoke.test.ts"];
const SCAFFOLDED = [
  "package.json",
  "README.md",
  "tsconfig.json",
  "tsup.config.ts",
  "turbo.json",
  "src/index.ts",
  "src/contract.test.ts",
  "src/fleet.ts",
  "src/fleet.test.ts",
];
const GENERATED_DIR = "packages/acme/src/generated";
const SPEC = "specs/acme.yaml";

const temps: string[] = [];

afterEach(async () => {
  await Promise.all(temps.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A fresh repo-shaped temp dir: `specs/acme.yaml` from a fixture and a runtime package.json. */
async function makeRepo(fixture: string): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "modelfleet-codegen-"));
  temps.push(root);
  await mkdir(join(root, "specs"));
  await copyFile(join(FIXTURES, fixture), join(root, SPEC));
  await mkdir(join(root, "packages", "runtime"), { recursive: true });
  await writeFile(
    join(root, "packages", "runtime", "package.json"),
    `${JSON.stringify({ name: "@modelfleet/runtime", version: "0.1.0" })}\n`,
  );
  return root;
}

async function useFixture(root: string, fixture: string): Promise<void> {
  await copyFile(join(FIXTURES, fixture), join(root, SPEC));
}

async function generateOnly(root: string, check = false): Promise<SpecResult> {
  const results = await generate({ root, check });
  expect(results).toHaveLength(1);
  return results[0] as SpecResult;
}

function errors(result: SpecResult): Diagnostic[] {
  return result.diagnostics.filter((d) => d.severity === "error");
}

/** Every file under `dir`, relative to it, with its bytes and mtime. */
async function snapshot(dir: string): Promise<Map<string, { contents: string; mtimeMs: number }>> {
  const out = new Map<string, { contents: string; mtimeMs: number }>();
  const walk = async (sub: string): Promise<void> => {
    for (const entry of await readdir(join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(rel);
      else {
        const path = join(dir, rel);
        out.set(rel, { contents: await readFile(path, "utf8"), mtimeMs: (await stat(path)).mtimeMs });
      }
    }
  };
  await walk("");
  return out;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function runCli(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

describe("generate: valid spec", () => {
  it("writes the generated files and scaffolds the package", async () => {
    const root = await makeRepo("valid.yaml");
    const result = await generateOnly(root);

    expect(result.diagnostics).toEqual([]);
    expect(result.packageDir).toBe("packages/acme");
    expect([...(result.output?.written ?? [])].sort()).toEqual(GENERATED.map((f) => `${GENERATED_DIR}/${f}`).sort());
    // The scaffolded README already holds the operations block.
    expect(result.output?.unchanged).toEqual(["packages/acme/README.md"]);
    expect(result.output?.removed).toEqual([]);
    expect(result.output?.stale).toEqual([]);
    expect([...result.scaffolded].sort()).toEqual(SCAFFOLDED.map((f) => `packages/acme/${f}`).sort());
    for (const f of SCAFFOLDED) expect(existsSync(join(root, "packages/acme", f)), f).toBe(true);
    const contractTest = await readFile(join(root, "packages/acme/src/contract.test.ts"), "utf8");
    expect(contractTest).toContain('describeContract("acme", {');
    expect(contractTest).toContain('spec: fileURLToPath(new URL("../../../specs/acme.yaml", import.meta.url)),');
    expect(contractTest).toMatch(/createClient: create\w+Client,/);

    const sha256 = createHash("sha256")
      .update(await readFile(join(root, SPEC)))
      .digest("hex");
    const read = (f: string) => readFile(join(root, GENERATED_DIR, f), "utf8");
    for (const f of GENERATED) {
      const lines = (await read(f)).split("\n");
      expect(lines[0], f).toMatch(/^\/\/ Generated by modelfleet-codegen\. Do not edit/);
      expect(lines.slice(0, 4), f).toEqual([
        lines[0],
        `// spec: ${SPEC}`,
        `// spec sha256: ${sha256}`,
        "// generator: openapi-typescript 7.13.0",
      ]);
    }

    const client = await read("client.ts");
    expect(client).toContain("export function createAcmeClient(");
    // one interface method per operation, camelCased from list_models / GetModel / updateModel
    for (const method of ["listModels", "getModel", "updateModel"]) {
      expect(client).toMatch(new RegExp(`^  ${method}\\(params`, "m"));
    }
    // the implementations are built from the operations table, named by the same camelCasing
    expect(client).toContain('const methodNames = new Map<string, string>([["list_models","listModels"],["GetModel","getModel"]]);');
    expect(client).toContain("client[methodNames.get(operationId) ?? operationId] = (params?: unknown, options?: RequestOptions) =>");
    expect(client.match(/core\.call\(/g)).toHaveLength(1);

    const schema = await read("schema.ts");
    expect(schema).toContain('status: "a" | "b" | (string & {});');

    const provider = await read("provider.ts");
    const descriptor = (operationId: string) => {
      const line = new RegExp(`^ {4}"${operationId}": (\\{.*\\}),$`, "m").exec(provider);
      expect(line, operationId).not.toBeNull();
      return JSON.parse(line?.[1] ?? "{}") as Record<string, unknown>;
    };
    expect(descriptor("updateModel")).toMatchObject({ method: "PUT", path: "/models/{model_id}", body: "required", idempotent: true });
    expect(descriptor("list_models")).toMatchObject({ method: "GET", queryParams: ["limit"], idempotent: true });
    expect(descriptor("GetModel")).toMatchObject({ method: "GET", pathParams: ["model_id"] });
    expect(provider).toContain('sensitiveKeys: ["webhook_secret"],');
    expect(provider).toContain('auth: {"header":"Authorization","prefix":"Bearer "},');

    const pkg = JSON.parse(await readFile(join(root, "packages/acme/package.json"), "utf8")) as {
      name: string;
      dependencies: Record<string, string>;
    };
    expect(pkg.name).toBe("@modelfleet/acme");
    expect(pkg.dependencies["@modelfleet/runtime"]).toBe("^0.1.0");
  });

  it("re-running is byte-identical, touches no mtime and reports everything unchanged", async () => {
    const root = await makeRepo("valid.yaml");
    await generateOnly(root);
    const before = await snapshot(join(root, "packages/acme"));
    await sleep(50);

    const second = await generateOnly(root);
    expect(second.diagnostics).toEqual([]);
    expect(second.output?.written).toEqual([]);
    expect(second.output?.removed).toEqual([]);
    expect([...(second.output?.unchanged ?? [])].sort()).toEqual(GENERATED.map((f) => `${GENERATED_DIR}/${f}`).sort());
    expect(second.scaffolded).toEqual([]);

    const after = await snapshot(join(root, "packages/acme"));
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [file, { contents, mtimeMs }] of before) {
      expect(after.get(file)?.contents, file).toBe(contents);
      expect(after.get(file)?.mtimeMs, file).toBe(mtimeMs);
    }
  });

  it("does not overwrite a scaffolded file edited by hand, outside the README's operations block", async () => {
    const root = await makeRepo("valid.yaml");
    await generateOnly(root);
    const tsconfig = join(root, "packages/acme/tsconfig.json");
    await writeFile(tsconfig, "{}\n");
    const readme = join(root, "packages/acme/README.md");
    const scaffolded = await readFile(readme, "utf8");
    const edited = scaffolded.replace("# @modelfleet/acme\n", "# @modelfleet/acme\n\nHand-written docs.\n");
    await writeFile(readme, edited);

    const second = await generateOnly(root);
    expect(second.diagnostics).toEqual([]);
    expect(second.scaffolded).toEqual([]);
    expect(await readFile(tsconfig, "utf8")).toBe("{}\n");
    expect(await readFile(readme, "utf8")).toBe(edited);
  });
});

describe("generate: diagnostics", () => {
  it("reports every YAML syntax error with file, line and column, and writes nothing", async () => {
    const root = await makeRepo("yaml-syntax-error.yaml");
    const result = await generateOnly(root);

    // line 5: `title` repeated under info; line 11: `description: one: two` (a mapping in a compact value)
    expect(result.diagnostics.map(({ code, file, line, column, severity }) => ({ code, file, line, column, severity }))).toEqual([
      { code: "yaml/syntax", file: SPEC, line: 5, column: 3, severity: "error" },
      { code: "yaml/syntax", file: SPEC, line: 11, column: 20, severity: "error" },
    ]);
    for (const d of result.diagnostics) {
      expect(d.message).not.toBe("");
      expect(d.help).toBeTruthy();
    }
    expect(result.output).toBeUndefined();
    expect(result.scaffolded).toEqual([]);
    expect(existsSync(join(root, "packages/acme"))).toBe(false);
  });

  it("reports both operations lacking an operationId, with pointer, line and help", async () => {
    const root = await makeRepo("missing-operation-id.yaml");
    const result = await generateOnly(root);

    const found = errors(result).filter((d) => d.code === "spec/operation-operationId");
    expect(found).toHaveLength(2);
    expect(found.map((d) => ({ pointer: d.pointer, line: d.line, file: d.file }))).toEqual([
      { pointer: "#/paths/~1models/get/operationId", line: 15, file: SPEC },
      { pointer: "#/paths/~1models/post/operationId", line: 20, file: SPEC },
    ]);
    for (const d of found) {
      expect(d.column).toBeTypeOf("number");
      expect(d.help).toMatch(/operationId/);
    }
    expect(result.output).toBeUndefined();
    expect(existsSync(join(root, "packages/acme"))).toBe(false);
  });

  it("reports a dangling $ref with the pointer and line of the $ref", async () => {
    const root = await makeRepo("dangling-ref.yaml");
    const result = await generateOnly(root);

    const found = errors(result).filter((d) => d.code === "spec/no-unresolved-refs");
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      file: SPEC,
      // the schema object holding `$ref: "#/components/schemas/Missing"` (line 23)
      pointer: "#/paths/~1models/get/responses/200/content/application~1json/schema",
      line: 23,
    });
    expect(found[0]?.help).toBeTruthy();
    expect(result.output).toBeUndefined();
    expect(existsSync(join(root, "packages/acme"))).toBe(false);
  });

  it("reports a missing info.x-modelfleet", async () => {
    const root = await makeRepo("missing-extension.yaml");
    const result = await generateOnly(root);

    const found = errors(result).filter((d) => d.code === "modelfleet/missing-extension");
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ file: SPEC, pointer: "#/info" });
    expect(found[0]?.line).toBeTypeOf("number");
    expect(found[0]?.help).toMatch(/x-modelfleet/);
    expect(result.output).toBeUndefined();
    expect(existsSync(join(root, "packages/acme"))).toBe(false);
  });

  it("leaves the previous output in place when the spec breaks", async () => {
    const root = await makeRepo("valid.yaml");
    await generateOnly(root);
    const before = await snapshot(join(root, "packages/acme"));
    await sleep(50);

    await useFixture(root, "dangling-ref.yaml");
    const result = await generateOnly(root);
    expect(errors(result).map((d) => d.code)).toContain("spec/no-unresolved-refs");
    expect(result.output).toBeUndefined();
    expect(result.scaffolded).toEqual([]);

    const after = await snapshot(join(root, "packages/acme"));
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [file, { contents, mtimeMs }] of before) {
      expect(after.get(file)?.contents, file).toBe(contents);
      expect(after.get(file)?.mtimeMs, file).toBe(mtimeMs);
    }
  });
});

describe("generate: the README's operations block", () => {
  const readmeOf = (root: string) => join(root, "packages/acme/README.md");

  it("lists every operation of the spec, one line each, between markers", async () => {
    const root = await makeRepo("valid.yaml");
    await generateOnly(root);
    const readme = await readFile(readmeOf(root), "utf8");
    expect(readme).toContain(
      [
        "## Operations",
        "",
        "One method per operation of the spec, on the client `createAcmeClient()` returns:",
        "",
        "- `listModels`: List models (`GET /models`)",
        "- `getModel`: Get a model (`GET /models/{model_id}`)",
        "- `updateModel`: Update a model (`PUT /models/{model_id}`)",
        "",
        "<!-- /modelfleet-codegen:operations -->",
      ].join("\n"),
    );
  });

  it("is restored after a hand edit, which --check reports (also when the run would otherwise be skipped)", async () => {
    const root = await makeRepo("valid.yaml");
    await generateOnly(root);
    const original = await readFile(readmeOf(root), "utf8");
    await writeFile(readmeOf(root), original.replace("- `getModel`: Get a model (`GET /models/{model_id}`)\n", ""));

    const checked = await generateOnly(root, true);
    expect(checked.skipped).toBe(false);
    expect(checked.output?.stale).toEqual(["packages/acme/README.md"]);

    const fixed = await generateOnly(root);
    expect(fixed.output?.written).toEqual(["packages/acme/README.md"]);
    expect(await readFile(readmeOf(root), "utf8")).toBe(original);
    expect((await generateOnly(root, true)).output?.stale).toEqual([]);
  });

  it("follows the spec: a new operation gets its line on the next run", async () => {
    const root = await makeRepo("valid.yaml");
    await generateOnly(root);
    await writeFile(
      join(root, SPEC),
      (await readFile(join(root, SPEC), "utf8")).replace("summary: Get a model", "summary: Read one model"),
    );
    expect((await generateOnly(root, true)).output?.stale).toContain("packages/acme/README.md");
    await generateOnly(root);
    expect(await readFile(readmeOf(root), "utf8")).toContain("- `getModel`: Read one model (`GET /models/{model_id}`)");
  });

  it("is appended to a README that has none, keeping what is there", async () => {
    const root = await makeRepo("valid.yaml");
    await generateOnly(root);
    await writeFile(readmeOf(root), "# @modelfleet/acme\n\nHand-written docs.\n");
    await generateOnly(root);
    const readme = await readFile(readmeOf(root), "utf8");
    expect(readme).toMatch(
      /^# @modelfleet\/acme\n\nHand-written docs\.\n\n<!-- modelfleet-codegen:operations \(generated from specs\/acme\.yaml/,
    );
    expect(readme).toMatch(
      /- `updateModel`: Update a model \(`PUT \/models\/\{model_id\}`\)\n\n<!-- \/modelfleet-codegen:operations -->\n$/,
    );
  });
});

describe("generate: check mode", () => {
  it("reports hand-edited and extra files as stale and writes nothing; clean after a normal generate", async () => {
    const root = await makeRepo("valid.yaml");
    await generateOnly(root);
    const clientPath = join(root, GENERATED_DIR, "client.ts");
    const edited = `${await readFile(clientPath, "utf8")}\n// hand edit\n`;
    await writeFile(clientPath, edited);
    const extraPath = join(root, GENERATED_DIR, "extra.ts");
    await writeFile(extraPath, "export const extra = 1;\n");
    const before = await snapshot(join(root, "packages/acme"));

    const checked = await generateOnly(root, true);
    expect(checked.diagnostics).toEqual([]);
    expect([...(checked.output?.stale ?? [])].sort()).toEqual([`${GENERATED_DIR}/client.ts`, `${GENERATED_DIR}/extra.ts`]);
    expect(checked.output?.written).toEqual([]);
    expect(checked.output?.removed).toEqual([]);
    expect(checked.scaffolded).toEqual([]);
    expect(await readFile(clientPath, "utf8")).toBe(edited);
    expect(existsSync(extraPath)).toBe(true);
    const after = await snapshot(join(root, "packages/acme"));
    for (const [file, { contents, mtimeMs }] of before) {
      expect(after.get(file)?.contents, file).toBe(contents);
      expect(after.get(file)?.mtimeMs, file).toBe(mtimeMs);
    }

    const regenerated = await generateOnly(root);
    expect(regenerated.output?.written).toEqual([`${GENERATED_DIR}/client.ts`]);
    expect(regenerated.output?.removed).toEqual([`${GENERATED_DIR}/extra.ts`]);
    expect(existsSync(extraPath)).toBe(false);

    const clean = await generateOnly(root, true);
    expect(clean.diagnostics).toEqual([]);
    expect(clean.output?.stale).toEqual([]);
  });

  it("reports every generated file stale when the package was never generated, creating nothing", async () => {
    const root = await makeRepo("valid.yaml");
    const checked = await generateOnly(root, true);
    expect([...(checked.output?.stale ?? [])].sort()).toEqual(GENERATED.map((f) => `${GENERATED_DIR}/${f}`).sort());
    expect(existsSync(join(root, "packages/acme"))).toBe(false);
  });

  // Regression: extra files were once detected with `name in files`, which also sees Object.prototype keys.
  it("reports an extra file named like an Object.prototype key (e.g. `constructor`) as stale", async () => {
    const root = await makeRepo("valid.yaml");
    await generateOnly(root);
    await writeFile(join(root, GENERATED_DIR, "constructor"), "stray\n");
    const checked = await generateOnly(root, true);
    expect(checked.output?.stale).toEqual([`${GENERATED_DIR}/constructor`]);
  });
});

describe("cli", () => {
  beforeAll(() => {
    if (!existsSync(CLI)) execFileSync("npx", ["tsup"], { cwd: CODEGEN_DIR, stdio: "pipe" });
  });

  it("--check on a stale tree exits 1 naming the stale file and the fix", async () => {
    const root = await makeRepo("valid.yaml");
    await generateOnly(root);
    const clientPath = join(root, GENERATED_DIR, "client.ts");
    await writeFile(clientPath, `${await readFile(clientPath, "utf8")}// hand edit\n`);

    const { code, stderr } = await runCli(["generate", "--check", "--root", root], root);
    expect(code).toBe(1);
    expect(stderr).toContain(`stale: ${GENERATED_DIR}/client.ts`);
    expect(stderr).toContain("npm run generate");
    expect(await readFile(clientPath, "utf8")).toMatch(/\/\/ hand edit\n$/);
  });

  it("--check on an up-to-date tree exits 0", async () => {
    const root = await makeRepo("valid.yaml");
    await generateOnly(root);
    const { code, stderr } = await runCli(["generate", "--check", "--root", root], root);
    expect(stderr).toBe("");
    expect(code).toBe(0);
  });

  it("a broken spec exits 1 with `file:line:col error code` on stderr", async () => {
    const root = await makeRepo("dangling-ref.yaml");
    const { code, stderr } = await runCli(["generate", "--check", "--root", root], root);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^specs\/acme\.yaml:23:\d+ error spec\/no-unresolved-refs: /m);
    expect(stderr).toContain("  at #/paths/~1models/get/responses/200/content/application~1json/schema");
    expect(stderr).toMatch(/^ {2}help: /m);

    const plain = await runCli(["generate", "--root", root], root);
    expect(plain.code).toBe(1);
    expect(plain.stderr).toMatch(/^specs\/acme\.yaml:23:\d+ error spec\/no-unresolved-refs: /m);
    expect(existsSync(join(root, "packages/acme"))).toBe(false);
  });
});

describe("generated package", () => {
  it("sends each operation through the method named after it, camelCased operationIds included", async () => {
    const root = await makeRepo("valid.yaml");
    expect((await generateOnly(root)).diagnostics).toEqual([]);
    // The generated client imports @modelfleet/runtime: the repository's own build, linked into the temp repo.
    const runtime = join(REPO_ROOT, "packages", "runtime");
    if (!existsSync(join(runtime, "dist", "index.js"))) execFileSync("npx", ["tsup"], { cwd: runtime, stdio: "pipe" });
    await mkdir(join(root, "node_modules", "@modelfleet"), { recursive: true });
    await copyFile(join(REPO_ROOT, "tsconfig.base.json"), join(root, "tsconfig.base.json"));
    await symlink(runtime, join(root, "node_modules", "@modelfleet", "runtime"), "dir");

    const { createAcmeClient } = (await import(join(root, GENERATED_DIR, "client.ts"))) as {
      createAcmeClient: (options: object) => Record<string, (params?: object) => Promise<unknown>>;
    };
    const sent: string[] = [];
    const client = createAcmeClient({
      apiKey: "key",
      fetch: async (request: Request) => {
        sent.push(`${request.method} ${new URL(request.url).pathname}`);
        return Response.json({});
      },
    });
    expect(Object.keys(client)).toEqual(["raw", "listModels", "getModel", "updateModel"]);
    await client.listModels?.();
    await client.getModel?.({ model_id: "m1" });
    await client.updateModel?.({ model_id: "m2", body: {} });
    expect(sent).toEqual(["GET /models", "GET /models/m1", "PUT /models/m2"]);
  });

  it("type-checks against the runtime sources", async () => {
    const root = await makeRepo("valid.yaml");
    const result = await generateOnly(root);
    expect(result.diagnostics).toEqual([]);

    const pkgDir = join(root, "packages/acme");
    // A consumer of the package: the generated types must be usable, not only compile on their own.
    const usage = [
      'import { type AcmeModel, createAcmeClient } from "./index.js";',
      "",
      'const client = createAcmeClient({ apiKey: "key" });',
      "export async function use(): Promise<AcmeModel> {",
      "  await client.listModels();",
      "  const models = await client.listModels({ limit: 1 });",
      '  const known: AcmeModel["status"] = "a";',
      '  const other: AcmeModel["status"] = "a-status-added-later";',
      "  void [models.length, known, other];",
      "  // @ts-expect-error model_id is required",
      "  await client.getModel({});",
      '  return client.updateModel({ model_id: "m", body: { webhook_secret: "s" } });',
      "}",
      "",
    ].join("\n");
    await writeFile(join(pkgDir, "src", "usage.ts"), usage);
    const tsconfig = {
      extends: join(REPO_ROOT, "tsconfig.base.json"),
      compilerOptions: {
        noEmit: true,
        declaration: false,
        typeRoots: [join(REPO_ROOT, "node_modules", "@types")],
        paths: {
          "@modelfleet/runtime": [join(REPO_ROOT, "packages", "runtime", "src", "index.ts")],
          "openapi-fetch": [join(REPO_ROOT, "node_modules", "openapi-fetch")],
        },
      },
      // The generated smoke test needs vitest; the add-a-provider test type-checks and runs it in a full package.
      files: ["src/index.ts", "src/usage.ts", ...GENERATED.filter((f) => !f.endsWith(".test.ts")).map((f) => `src/generated/${f}`)],
    };
    const configPath = join(pkgDir, "tsconfig.check.json");
    await writeFile(configPath, JSON.stringify(tsconfig, null, 2));

    const tsc = join(REPO_ROOT, "node_modules", "typescript-native", "bin", "tsc");
    const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, [tsc, "-p", configPath, "--pretty", "false"], { cwd: pkgDir }, (error, out, err) => {
        resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout: String(out), stderr: String(err) });
      });
    });
    expect(`${stdout}${stderr}`, relative(REPO_ROOT, tsc)).toBe("");
    expect(code).toBe(0);
  });
});
