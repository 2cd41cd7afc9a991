import { copyFile, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { generate, type SpecResult } from "../src/generate/generate.js";
import { generatorIdentity } from "../src/generate/generator-identity.js";
import { CLI, ensureBuilt, FIXTURES, removeTemps, run, TEST_DIR, tempDir } from "./helpers.js";

afterEach(removeTemps);

const GENERATED_DIR = "packages/acme/src/generated";

async function makeRepo(): Promise<string> {
  const root = await tempDir();
  await mkdir(join(root, "specs"));
  await copyFile(join(FIXTURES, "valid.yaml"), join(root, "specs", "acme.yaml"));
  return root;
}

async function once(root: string, options: { check?: boolean; force?: boolean } = {}): Promise<SpecResult> {
  const [result] = await generate({ root, ...options });
  if (!result) throw new Error("no result");
  return result;
}

async function cacheEntries(root: string): Promise<string[]> {
  const dir = join(root, "node_modules", ".cache", "modelfleet-codegen");
  return (await readdir(dir)).map((name) => join(dir, name));
}

describe("hash skip", () => {
  it("skips a spec whose bytes, generator and outputs are unchanged, with the same report and warnings", async () => {
    const root = await makeRepo();
    const first = await once(root);
    expect(first.skipped).toBe(false);
    expect(first.output?.written).toHaveLength(5);

    const second = await once(root);
    expect(second.skipped).toBe(true);
    expect(second.output).toEqual({ written: [], unchanged: [...(first.output?.written ?? [])].sort(), removed: [], stale: [] });
    expect(second.diagnostics).toEqual(first.diagnostics);

    const checked = await once(root, { check: true });
    expect(checked.skipped).toBe(true);
    expect(checked.output?.stale).toEqual([]);
  });

  it("--check still finds a generated file edited by hand, and generate repairs it", async () => {
    const root = await makeRepo();
    await once(root);
    const client = join(root, GENERATED_DIR, "client.ts");
    await writeFile(client, `${await readFile(client, "utf8")}// hand edit\n`);

    const checked = await once(root, { check: true });
    expect(checked.skipped).toBe(false);
    expect(checked.output?.stale).toEqual([`${GENERATED_DIR}/client.ts`]);

    const repaired = await once(root);
    expect(repaired.skipped).toBe(false);
    expect(repaired.output?.written).toEqual([`${GENERATED_DIR}/client.ts`]);
    expect((await once(root)).skipped).toBe(true);
  });

  it("does not skip when a file was added to or removed from src/generated/", async () => {
    const root = await makeRepo();
    await once(root);
    await writeFile(join(root, GENERATED_DIR, "extra.ts"), "export {};\n");
    const extra = await once(root, { check: true });
    expect(extra.skipped).toBe(false);
    expect(extra.output?.stale).toEqual([`${GENERATED_DIR}/extra.ts`]);

    await rm(join(root, GENERATED_DIR, "extra.ts"));
    await rm(join(root, GENERATED_DIR, "schema.ts"));
    const missing = await once(root, { check: true });
    expect(missing.skipped).toBe(false);
    expect(missing.output?.stale).toEqual([`${GENERATED_DIR}/schema.ts`]);
  });

  it("does not skip when the spec changed, when a scaffold file is missing, or with force", async () => {
    const root = await makeRepo();
    await once(root);

    await writeFile(
      join(root, "specs", "acme.yaml"),
      (await readFile(join(root, "specs", "acme.yaml"), "utf8")).replace("List models", "List all models"),
    );
    const changed = await once(root);
    expect(changed.skipped).toBe(false);
    expect(changed.output?.written).toContain(`${GENERATED_DIR}/client.ts`);

    await rm(join(root, "packages", "acme", "README.md"));
    const rescaffolded = await once(root);
    expect(rescaffolded.skipped).toBe(false);
    expect(rescaffolded.scaffolded).toEqual(["packages/acme/README.md"]);

    const forced = await once(root, { force: true });
    expect(forced.skipped).toBe(false);
    expect(forced.output?.written).toEqual([]);
  });

  it("does not skip output recorded by another generator", async () => {
    const root = await makeRepo();
    await once(root);
    const [entryFile] = await cacheEntries(root);
    if (!entryFile) throw new Error("no cache entry");
    const entry = JSON.parse(await readFile(entryFile, "utf8")) as { generator: string };
    expect(entry.generator).toBe(await generatorIdentity());
    await writeFile(entryFile, JSON.stringify({ ...entry, generator: "0".repeat(64) }));
    expect((await once(root)).skipped).toBe(false);
  });
});

describe("lazy loading", () => {
  beforeAll(ensureBuilt);

  /** Runs the CLI and returns the module URLs it imported. */
  async function importsOf(root: string, args: string[]): Promise<string[]> {
    const record = join(root, `imports-${Math.random().toString(36).slice(2)}.txt`);
    const result = await run(process.execPath, ["--import", join(TEST_DIR, "record-imports.mjs"), CLI, ...args], root, {
      RECORD_IMPORTS: record,
    });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    return (await readFile(record, "utf8")).split("\n").filter(Boolean);
  }

  const heavy = (urls: string[]) => urls.filter((u) => /\/node_modules\/(typescript|openapi-typescript|@redocly)\//.test(u));

  it("a run where every spec is unchanged loads neither TypeScript, openapi-typescript nor Redocly", async () => {
    const root = await makeRepo();
    const cold = await importsOf(root, ["generate", "--root", root]);
    expect(heavy(cold).length).toBeGreaterThan(0);
    const warm = await importsOf(root, ["generate", "--root", root]);
    expect(heavy(warm)).toEqual([]);
    const check = await importsOf(root, ["generate", "--check", "--root", root]);
    expect(heavy(check)).toEqual([]);
  });
});
