import { cp, mkdir, readFile, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { BIN, ensureBuilt, REPO_ROOT, removeTemps, run, runCli, tempDir } from "./helpers.js";

afterEach(removeTemps);
beforeAll(ensureBuilt);

/**
 * A temporary copy of one provider package (its hand-written sources and configs) and of its spec, with the
 * repository's installed packages linked, so the package can be regenerated and type-checked in isolation.
 */
async function copyProvider(id: string): Promise<{ root: string; pkgDir: string; spec: string }> {
  const root = await tempDir("modelfleet-typed-adapter-");
  const pkgDir = join(root, "packages", id);
  await mkdir(join(root, "specs"));
  await mkdir(join(root, "packages", "runtime"), { recursive: true });
  await cp(join(REPO_ROOT, "tsconfig.base.json"), join(root, "tsconfig.base.json"));
  await cp(join(REPO_ROOT, "packages", "runtime", "package.json"), join(root, "packages", "runtime", "package.json"));
  for (const entry of ["package.json", "tsconfig.json", "src", "test"])
    await cp(join(REPO_ROOT, "packages", id, entry), join(pkgDir, entry), { recursive: true });
  await symlink(join(REPO_ROOT, "node_modules"), join(root, "node_modules"), "dir");
  const spec = join(root, "specs", `${id}.yaml`);
  await cp(join(REPO_ROOT, "specs", `${id}.yaml`), spec);
  return { root, pkgDir, spec };
}

/** Renames a property of a component schema (and in its `required` list), as a spec edit would. */
async function renameProperty(spec: string, schema: string, from: string, to: string): Promise<void> {
  const doc = parseDocument(await readFile(spec, "utf8"));
  const properties = doc.getIn(["components", "schemas", schema, "properties"]) as {
    get(k: string, keep: true): unknown;
    set(k: string, v: unknown): void;
    delete(k: string): void;
  };
  const node = properties.get(from, true);
  if (node === undefined) throw new Error(`${schema} has no property ${from}`);
  properties.delete(from);
  properties.set(to, node);
  // Optional after the rename, so the spec's examples (which still say `from`) stay valid.
  const required = doc.getIn(["components", "schemas", schema, "required"]) as { items: Array<{ value: unknown }> } | undefined;
  if (required) required.items = required.items.filter((item) => item.value !== from);
  await writeFile(spec, doc.toString());
}

describe("the fleet adapters read provider objects through the generated types", () => {
  it.each([
    ["deepinfra", "Deployment", "model_name", "src/fleet/normalize.ts"],
    ["sieve", "Version", "build_status", "src/fleet/normalize.ts"],
  ])("renaming %s's %s.%s in a copy of the spec and regenerating breaks the adapter's type-check", async (id, schema, field, file) => {
    const { root, pkgDir, spec } = await copyProvider(id);
    // Unchanged, the package type-checks (its own typecheck task, on the same sources and spec); the error expected
    // below names the renamed property in the adapter's file, so it can only be the rename's.
    await renameProperty(spec, schema, field, `${field}_renamed`);
    const generated = await runCli(["generate", "--spec", `specs/${id}.yaml`], root);
    expect(generated.code, generated.stderr).toBe(0);
    const after = await run(process.execPath, [BIN.tsc, "--noEmit", "--pretty", "false"], pkgDir);
    expect(after.code).not.toBe(0);
    expect(after.stdout).toMatch(
      new RegExp(`^${file.replaceAll(".", "\\.")}\\(\\d+,\\d+\\): error TS\\d+: Property '${field}' does not exist`, "m"),
    );
  });
});
