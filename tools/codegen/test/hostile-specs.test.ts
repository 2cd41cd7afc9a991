// Specs an attacker (or an accident) could write: every problem ends as a `file:line:col error <code>` diagnostic,
// never an internal error, and two runs at once do not crash each other.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { generate, type SpecResult } from "../src/generate/generate.js";

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "fixtures");
const temps: string[] = [];

afterEach(async () => {
  await Promise.all(temps.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A repo-shaped temp dir holding `specs/<stem>.yaml`: the valid fixture, edited. */
async function makeRepo(edit: (text: string) => string = (t) => t, stem = "acme"): Promise<{ root: string; spec: string }> {
  const root = await mkdtemp(join(tmpdir(), "modelfleet-codegen-hostile-"));
  temps.push(root);
  await mkdir(join(root, "specs"));
  await mkdir(join(root, "packages", "runtime"), { recursive: true });
  await writeFile(join(root, "packages", "runtime", "package.json"), '{ "name": "@modelfleet/runtime", "version": "0.1.0" }\n');
  const spec = join(root, "specs", `${stem}.yaml`);
  await copyFile(join(FIXTURES, "valid.yaml"), spec);
  await writeFile(spec, edit(await readFile(spec, "utf8")));
  return { root, spec };
}

async function generateOne(root: string, spec?: string): Promise<SpecResult> {
  const results = await generate({ root, ...(spec ? { specs: [spec] } : {}) });
  expect(results).toHaveLength(1);
  return results[0] as SpecResult;
}

const codes = (result: SpecResult) => result.diagnostics.filter((d) => d.severity === "error").map((d) => d.code);

/** The response schema of GET /models/{model_id}, replaced by `schema` (YAML at that indentation). */
const withModelSchema = (schema: string) => (text: string) =>
  text.replace(
    '              schema:\n                $ref: "#/components/schemas/Model"\n    put:',
    `              schema:\n${schema}\n    put:`,
  );

describe("$ref", () => {
  it("a remote ref is refused with a diagnostic, and nothing is fetched", async () => {
    let fetched = 0;
    const server = createServer((_req, res) => {
      fetched++;
      res.end("type: object\n");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/model.yaml`;
      const { root } = await makeRepo(withModelSchema(`                $ref: "${url}"`));
      const result = await generateOne(root);
      expect(codes(result)).toContain("spec/remote-ref");
      const found = result.diagnostics.find((d) => d.code === "spec/remote-ref");
      expect(found).toMatchObject({ file: "specs/acme.yaml", line: expect.any(Number), column: expect.any(Number) });
      expect(fetched).toBe(0);
      expect(result.output).toBeUndefined();
    } finally {
      server.close();
    }
  });

  it("a ref to a file outside the repository is refused; a relative file ref is resolved from the spec's folder or refused, the same in lint and emit", async () => {
    const outside = await makeRepo(withModelSchema('                $ref: "../../outside.yaml#/Model"'));
    expect(codes(await generateOne(outside.root))).toContain("spec/ref-outside-repository");
    const absolute = await makeRepo(withModelSchema('                $ref: "/etc/passwd"'));
    expect(codes(await generateOne(absolute.root))).toContain("spec/ref-outside-repository");
    // A file inside the repository is read relative to the spec's folder (test/external-refs.test.ts); a missing one
    // is a diagnostic at the ref.
    const sibling = await makeRepo(withModelSchema('                $ref: "./model.yaml"'));
    const result = await generateOne(sibling.root);
    expect(codes(result)).toEqual(["spec/ref-file-missing"]);
  });

  it("a $ref cycle is a diagnostic, not a stack overflow", async () => {
    const { root } = await makeRepo((text) =>
      withModelSchema('                $ref: "#/components/schemas/Loop1"')(text).replace(
        "  schemas:\n",
        '  schemas:\n    Loop1:\n      $ref: "#/components/schemas/Loop2"\n    Loop2:\n      $ref: "#/components/schemas/Loop1"\n',
      ),
    );
    const result = await generateOne(root);
    expect(codes(result)).toContain("spec/ref-cycle");
    expect(result.diagnostics.find((d) => d.code === "spec/ref-cycle")?.line).toEqual(expect.any(Number));
  });
});

describe("YAML", () => {
  it("an alias bomb is a diagnostic with a line, not an internal error", async () => {
    const bomb = [
      "x-bomb:",
      '  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
      "  b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]",
      "  c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]",
      "  d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]",
      "  e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]",
      "  f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]",
      "  g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]",
      "  h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]",
      "  i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]",
      "",
    ].join("\n");
    const { root } = await makeRepo((text) => text + bomb);
    const result = await generateOne(root);
    expect(codes(result)).toEqual(["yaml/too-many-aliases"]);
    expect(result.diagnostics[0]).toMatchObject({ file: "specs/acme.yaml", line: expect.any(Number) });
  });
});

describe("names that would break the generated client", () => {
  it.each(["then", "__proto__", "constructor", "toString", "hasOwnProperty", "valueOf", "Then"])(
    "operationId %j is rejected with a diagnostic at the operation",
    async (operationId) => {
      const { root } = await makeRepo((text) => text.replace("operationId: list_models", `operationId: ${JSON.stringify(operationId)}`));
      const result = await generateOne(root);
      expect(codes(result)).toContain("spec/reserved-operation-id");
      const found = result.diagnostics.find((d) => d.code === "spec/reserved-operation-id");
      expect(found).toMatchObject({ pointer: "#/paths/~1models/get/operationId", line: 16 });
      expect(result.output).toBeUndefined();
    },
  );

  it.each(["acme; rm -rf ~", "Acme", "acme$(id)", "-acme", "acme..x"])("a spec file stem %j is refused as a package id", async (stem) => {
    const { root, spec } = await makeRepo(undefined, stem);
    const result = await generateOne(root, spec);
    expect(codes(result)).toEqual(["spec/bad-package-id"]);
    expect(result.packageDir).toBeUndefined();
  });
});

describe("two generate runs at once", () => {
  it("on the same new spec both succeed and leave one consistent package", async () => {
    const { root } = await makeRepo();
    const runs = await Promise.all([generate({ root }), generate({ root }), generate({ root })]);
    for (const [result] of runs) expect(codes(result as SpecResult)).toEqual([]);
    const again = await generateOne(root);
    expect(again.output?.written).toEqual([]);
    const files = await readFile(join(root, "packages", "acme", "src", "generated", "client.ts"), "utf8");
    expect(files).toContain("listModels");
  });
});

/** The pid of a process that has ended: what a `generate` killed with `kill -9` leaves in its temporary files' names. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", "0"], { stdio: "ignore" });
  await once(child, "exit");
  return child.pid as number;
}

describe("temporary files of a generate that was killed", () => {
  it("are reported by --check and removed by the next run; a live run's are left alone", async () => {
    const { root } = await makeRepo();
    expect(codes(await generateOne(root))).toEqual([]);
    const dir = join(root, "packages", "acme", "src", "generated");
    const dead = `client.ts.${await deadPid()}.0123456789ab.tmp`;
    // Written by a generator from before the pid was in the name: no run of it can still be going.
    const legacy = "schema.ts.a1b2c3d4e5f6.tmp";
    // This process stands for a concurrent run still writing: its file is about to be renamed.
    const live = `index.ts.${process.pid}.ba9876543210.tmp`;
    for (const name of [dead, legacy, live]) await writeFile(join(dir, name), "half a file");

    const check = await generate({ root, check: true });
    expect(check[0]?.output?.stale.sort()).toEqual(
      [join("packages", "acme", "src", "generated", dead), join("packages", "acme", "src", "generated", legacy)].sort(),
    );

    const next = await generateOne(root);
    expect(next.skipped).toBe(false);
    expect(next.output?.removed.sort()).toEqual(
      [join("packages", "acme", "src", "generated", dead), join("packages", "acme", "src", "generated", legacy)].sort(),
    );
    expect((await readdir(dir)).filter((name) => name.endsWith(".tmp"))).toEqual([live]);
    const clean = await generate({ root, check: true });
    expect(clean[0]?.output?.stale ?? []).toEqual([]);
  });
});
