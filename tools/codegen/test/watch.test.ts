import { type ChildProcess, spawn } from "node:child_process";
import { copyFile, mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { SpecResult } from "../src/generate/generate.js";
import { type SpecWatcher, watchSpecs } from "../src/generate/watch.js";
import { CLI, ensureBuilt, FIXTURES, removeTemps, tempDir } from "./helpers.js";

const watchers: SpecWatcher[] = [];
/** CLI processes a test started; stopped here too, should the test end before it stops them. */
const children: ChildProcess[] = [];
afterEach(async () => {
  await Promise.all(watchers.splice(0).map((w) => w.close()));
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
  await removeTemps();
});

/** Starts a watcher and hands out its reports one at a time, in order, as promises (no timing involved). */
function startWatching(root: string) {
  const queue: SpecResult[][] = [];
  const waiting: Array<(results: SpecResult[]) => void> = [];
  const errors: unknown[] = [];
  const watcher = watchSpecs({
    root,
    debounceMs: 50,
    onResults: (results) => {
      const next = waiting.shift();
      if (next) next(results);
      else queue.push(results);
    },
    onError: (error) => errors.push(error),
  });
  watchers.push(watcher);
  const nextResults = (): Promise<SpecResult[]> => {
    const ready = queue.shift();
    return ready ? Promise.resolve(ready) : new Promise((resolve) => waiting.push(resolve));
  };
  /**
   * The next report that `matches`. A file system may announce one save twice; the extra report (a re-run of the
   * same bytes) is passed over rather than failing the test on event delivery details.
   */
  const nextMatching = async (matches: (results: SpecResult[]) => boolean): Promise<SpecResult[]> => {
    for (let seen = 0; seen < 5; seen++) {
      const results = await nextResults();
      if (matches(results)) return results;
    }
    throw new Error("no matching report after 5 rounds");
  };
  return { watcher, nextResults, nextMatching, errors };
}

/** Writes a file the way editors save: a temporary file renamed over the original. */
async function save(path: string, text: string): Promise<void> {
  await writeFile(`${path}.tmp~`, text);
  await rename(`${path}.tmp~`, path);
}

describe("generate --watch", () => {
  it("regenerates on save, reports a bad save without stopping, and recovers on the next good one", async () => {
    const root = await tempDir();
    await mkdir(join(root, "specs"));
    const spec = join(root, "specs", "acme.yaml");
    await copyFile(join(FIXTURES, "valid.yaml"), spec);
    const client = join(root, "packages", "acme", "src", "generated", "client.ts");

    const { watcher, nextResults, nextMatching, errors } = startWatching(root);
    const initial = await nextResults();
    await watcher.ready;
    expect(initial.map((r) => [r.spec, r.diagnostics.length, r.output?.written.length])).toEqual([["specs/acme.yaml", 0, 5]]);
    const before = await readFile(client, "utf8");

    // A bad save: a dangling $ref. Diagnostics are reported, the package keeps its previous output.
    await save(spec, await readFile(join(FIXTURES, "dangling-ref.yaml"), "utf8"));
    const bad = await nextMatching((results) => results.some((r) => r.diagnostics.length > 0));
    expect(bad).toHaveLength(1);
    expect(bad[0]?.diagnostics.filter((d) => d.severity === "error").map((d) => d.code)).toContain("spec/no-unresolved-refs");
    expect(bad[0]?.output).toBeUndefined();
    expect(await readFile(client, "utf8")).toBe(before);

    // The next good save regenerates: a new operation appears in the client.
    const valid = await readFile(join(FIXTURES, "valid.yaml"), "utf8");
    const withDelete = valid.replace(
      "    put:\n      operationId: updateModel",
      [
        "    delete:",
        "      operationId: deleteModel",
        "      summary: Delete a model",
        "      responses:",
        '        "204":',
        "          description: Deleted.",
        "    put:",
        "      operationId: updateModel",
      ].join("\n"),
    );
    expect(withDelete).not.toBe(valid);
    await save(spec, withDelete);
    const good = await nextMatching((results) => results.some((r) => r.diagnostics.length === 0));
    expect(good[0]?.diagnostics).toEqual([]);
    expect(good[0]?.output?.written).toContain("packages/acme/src/generated/client.ts");
    expect(await readFile(client, "utf8")).toContain("deleteModel(");
    expect(errors).toEqual([]);
  });

  it("regenerates a spec when a file it references is saved", async () => {
    const root = await tempDir();
    await mkdir(join(root, "specs", "shared"), { recursive: true });
    const shared = join(root, "specs", "shared", "model.yaml");
    await writeFile(shared, "Model:\n  type: object\n  properties:\n    id:\n      type: string\n");
    await writeFile(
      join(root, "specs", "acme.yaml"),
      (await readFile(join(FIXTURES, "valid.yaml"), "utf8")).replace(
        '              schema:\n                $ref: "#/components/schemas/Model"\n    put:',
        '              schema:\n                $ref: "./shared/model.yaml#/Model"\n    put:',
      ),
    );
    const schema = join(root, "packages", "acme", "src", "generated", "schema.ts");
    const { nextResults, nextMatching, errors } = startWatching(root);
    const initial = await nextResults();
    expect(initial.map((r) => [r.spec, r.references])).toEqual([["specs/acme.yaml", ["specs/shared/model.yaml"]]]);
    expect(await readFile(schema, "utf8")).not.toContain("label?: string;");

    await save(shared, "Model:\n  type: object\n  properties:\n    id:\n      type: string\n    label:\n      type: string\n");
    const again = await nextMatching((results) => results.some((r) => (r.output?.written.length ?? 0) > 0));
    expect(again.map((r) => r.spec)).toEqual(["specs/acme.yaml"]);
    expect(await readFile(schema, "utf8")).toContain("label?: string;");
    expect(errors).toEqual([]);
  });

  it("picks up a spec added while watching and scaffolds its package", async () => {
    const root = await tempDir();
    await mkdir(join(root, "specs"));
    const { nextResults } = startWatching(root);
    expect(await nextResults()).toEqual([]);

    await save(
      join(root, "specs", "beta.yaml"),
      (await readFile(join(FIXTURES, "valid.yaml"), "utf8"))
        .replaceAll("acme", "beta")
        .replaceAll("Acme", "Beta")
        .replaceAll("ACME", "BETA"),
    );
    const added = await nextResults();
    expect(added.map((r) => r.spec)).toEqual(["specs/beta.yaml"]);
    expect(added[0]?.scaffolded).toContain("packages/beta/package.json");
  });
});

describe("modelfleet-codegen generate --watch", () => {
  beforeAll(ensureBuilt);

  it("keeps running through a bad save, regenerates on the next good one, and exits 0 on SIGINT", async () => {
    const root = await tempDir();
    await mkdir(join(root, "specs"));
    const spec = join(root, "specs", "acme.yaml");
    await copyFile(join(FIXTURES, "valid.yaml"), spec);

    const child = spawn(process.execPath, [CLI, "generate", "--watch"], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    children.push(child);
    let stdout = "";
    let stderr = "";
    const waiters: Array<() => void> = [];
    const onData = () => {
      for (const check of waiters.splice(0)) check();
    };
    child.stdout.on("data", (d) => {
      stdout += String(d);
      onData();
    });
    child.stderr.on("data", (d) => {
      stderr += String(d);
      onData();
    });
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    /** Resolves once the output so far satisfies `ready`. */
    const until = (ready: () => boolean) =>
      new Promise<void>((resolve) => {
        const check = () => (ready() ? resolve() : waiters.push(check));
        check();
      });
    const count = (text: string, needle: string) => text.split(needle).length - 1;
    try {
      await until(() => stdout.includes("watching specs/"));
      expect(stdout).toContain("specs/acme.yaml -> packages/acme: 5 written, 0 removed");

      await save(spec, `${await readFile(spec, "utf8")}garbage: [\n`);
      await until(() => stderr.includes("its package left untouched"));
      expect(stderr).toMatch(/^specs\/acme\.yaml:\d+:\d+ error yaml\/syntax: /m);
      expect(child.exitCode).toBeNull();

      await save(spec, (await readFile(join(FIXTURES, "valid.yaml"), "utf8")).replace("List models", "List all models"));
      await until(() => count(stdout, "written") >= 2);
      expect(stdout).toMatch(
        /specs\/acme\.yaml -> packages\/acme: [1-5] written, 0 removed\n[\s\S]*specs\/acme\.yaml -> packages\/acme: [1-6] written/,
      );
      // The README's operations list follows the spec too.
      expect(await readFile(join(root, "packages", "acme", "README.md"), "utf8")).toContain("- `listModels`: List all models");
    } finally {
      child.kill("SIGINT");
    }
    expect(await exited).toBe(0);
  });
});
