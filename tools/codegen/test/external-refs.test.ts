// Specs that share schemas through relative file `$ref`s: resolved relative to the file holding the ref, bundled into
// one document that lint, model, emitters and the smoke test all read, refused when they leave the repository, and
// part of the skip hash and of `--check`.
import { copyFile, mkdir, readdir, readFile, symlink, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Diagnostic } from "../src/diagnostics.js";
import { generate, type SpecResult } from "../src/generate/generate.js";
import { importDocument } from "../src/import/import-document.js";
import { FIXTURES, removeTemps, tempDir } from "./helpers.js";

afterEach(removeTemps);

const GENERATED = "packages/acme/src/generated";

/** The response schema of GET /models/{model_id} in the valid fixture, replaced by a ref. */
function withModelRef(ref: string, extraSchemas = ""): (text: string) => string {
  return (text) =>
    text
      .replace(
        '              schema:\n                $ref: "#/components/schemas/Model"\n    put:',
        `              schema:\n                $ref: ${JSON.stringify(ref)}\n    put:`,
      )
      .replace("  schemas:\n", `  schemas:\n${extraSchemas}`);
}

/** A repo-shaped temp dir with `specs/acme.yaml` (the valid fixture, edited) and the given files, relative to the root. */
async function makeRepo(edit: (text: string) => string, files: Record<string, string> = {}): Promise<string> {
  const root = await tempDir("modelfleet-codegen-refs-");
  await mkdir(join(root, "specs"));
  await mkdir(join(root, "packages", "runtime"), { recursive: true });
  await writeFile(join(root, "packages", "runtime", "package.json"), '{ "name": "@modelfleet/runtime", "version": "0.1.0" }\n');
  await copyFile(join(FIXTURES, "valid.yaml"), join(root, "specs", "acme.yaml"));
  await writeFile(join(root, "specs", "acme.yaml"), edit(await readFile(join(root, "specs", "acme.yaml"), "utf8")));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
  return root;
}

async function once(root: string, options: { check?: boolean } = {}): Promise<SpecResult> {
  const [result] = await generate({ root, specs: ["specs/acme.yaml"], ...options });
  if (!result) throw new Error("no result");
  return result;
}

const errors = (result: SpecResult): Diagnostic[] => result.diagnostics.filter((d) => d.severity === "error");
const schemaTs = (root: string) => readFile(join(root, GENERATED, "schema.ts"), "utf8");

/** Line (1-based) of the first line of `text` containing `needle`. */
const lineOf = (text: string, needle: string) => text.split("\n").findIndex((l) => l.includes(needle)) + 1;

const ERRORS_YAML = [
  "components:",
  "  schemas:",
  "    Error:",
  "      type: object",
  "      description: What went wrong.",
  "      required: [code]",
  "      properties:",
  "        code:",
  "          type: string",
  "        detail:",
  '          $ref: "#/components/schemas/Detail"',
  "    Detail:",
  "      type: object",
  "      properties:",
  "        field:",
  "          type: string",
  "",
].join("\n");

describe("relative file $refs", () => {
  it("follows a ref into a nested folder, a local ref inside that file, and a whole-file ref outside specs/", async () => {
    const root = await makeRepo(
      withModelRef("./shared/errors.yaml#/components/schemas/Error", "    Problem:\n      $ref: ../specs-common/problem.yaml\n"),
      {
        "specs/shared/errors.yaml": ERRORS_YAML,
        "specs-common/problem.yaml": "type: object\ndescription: A problem.\nproperties:\n  title:\n    type: string\n",
      },
    );
    const result = await once(root);
    expect(errors(result)).toEqual([]);
    expect(result.references).toEqual(["specs-common/problem.yaml", "specs/shared/errors.yaml"]);
    const schema = await schemaTs(root);
    expect(schema.split("\n")[4]).toBe("// referenced files (in the sha256): specs-common/problem.yaml, specs/shared/errors.yaml");
    // The referenced objects are components of the generated package, with their readable aliases.
    expect(schema).toMatch(/Error: \{\n\s+code: string;\n\s+detail\?: components\["schemas"\]\["Detail"\];/);
    expect(schema).toMatch(/Problem: \{\n\s+title\?: string;/);
    expect(schema).toContain('"application/json": components["schemas"]["Error"];');
    expect(schema).toContain('export type AcmeError = components["schemas"]["Error"];');
    expect(schema).toContain('export type AcmeDetail = components["schemas"]["Detail"];');
    // The smoke test answers with a value derived from the referenced schema.
    expect(await readFile(join(root, GENERATED, "smoke.test.ts"), "utf8")).toContain('"code"');
  });

  it("resolves a ref in a referenced file relative to that file, through a third file", async () => {
    const root = await makeRepo(withModelRef("./model.yaml"), {
      "specs/model.yaml": "type: object\nproperties:\n  owner:\n    $ref: ./people/owner.yaml#/Owner\n",
      "specs/people/owner.yaml": "Owner:\n  type: object\n  properties:\n    name:\n      type: string\n",
    });
    const result = await once(root);
    expect(errors(result)).toEqual([]);
    expect(result.references).toEqual(["specs/model.yaml", "specs/people/owner.yaml"]);
    const schema = await schemaTs(root);
    expect(schema).toMatch(/Model2: \{\n\s+owner\?: components\["schemas"\]\["Owner"\];/);
    expect(schema).toMatch(/Owner: \{\n\s+name\?: string;/);
  });

  it("bundles a schema recursive across two files once, as components that refer to each other", async () => {
    const root = await makeRepo(withModelRef("./tree/node.yaml#/Node"), {
      "specs/tree/node.yaml":
        "Node:\n  type: object\n  properties:\n    children:\n      type: array\n      items:\n        $ref: ./leaf.yaml#/Leaf\n",
      "specs/tree/leaf.yaml": "Leaf:\n  type: object\n  properties:\n    parent:\n      $ref: ./node.yaml#/Node\n",
    });
    const result = await once(root);
    expect(errors(result)).toEqual([]);
    const schema = await schemaTs(root);
    expect(schema).toMatch(/Node: \{\n\s+children\?: components\["schemas"\]\["Leaf"\]\[\];/);
    expect(schema).toMatch(/Leaf: \{\n\s+parent\?: components\["schemas"\]\["Node"\];/);
    expect(schema.match(/^ {8}Node: \{/gm)).toHaveLength(1);
  });

  it("puts a shared response and parameter under their own components sections, and follows a ref back into the spec", async () => {
    const common = [
      "components:",
      "  parameters:",
      "    Limit:",
      "      name: limit",
      "      in: query",
      "      schema: {type: integer, minimum: 1}",
      "  responses:",
      "    NotFound:",
      "      description: No such model.",
      "      content:",
      "        application/json:",
      "          schema:",
      "            $ref: '#/components/schemas/Problem'",
      "  schemas:",
      "    Problem:",
      "      type: object",
      "      properties:",
      "        model:",
      "          $ref: '../acme.yaml#/components/schemas/Model'",
      "",
    ].join("\n");
    const root = await makeRepo(
      (text) =>
        text
          .replace(
            "      parameters:\n        - name: limit\n          in: query\n          schema:\n            type: integer\n",
            "      parameters:\n        - $ref: ./shared/common.yaml#/components/parameters/Limit\n",
          )
          .replace(
            '                $ref: "#/components/schemas/Model"\n    put:',
            '                $ref: "#/components/schemas/Model"\n        "404":\n          $ref: ./shared/common.yaml#/components/responses/NotFound\n    put:',
          ),
      { "specs/shared/common.yaml": common },
    );
    const result = await once(root);
    expect(errors(result)).toEqual([]);
    const schema = await schemaTs(root);
    expect(schema).toMatch(/responses: \{\n\s+\/\*\* No such model\. \*\/\n\s+NotFound: \{/);
    expect(schema).toContain('404: components["responses"]["NotFound"];');
    expect(schema).toMatch(/parameters: \{\n\s+Limit: number;/);
    // The shared Problem's ref back into the spec is the spec's own Model, not a copy.
    expect(schema).toMatch(/Problem: \{\n\s+model\?: components\["schemas"\]\["Model"\];/);
    expect(schema).not.toContain("Model2");
  });

  it("reports a chain of refs across files that only points at refs as a cycle, in the file where it is", async () => {
    const root = await makeRepo(withModelRef("./loop.yaml#/A"), { "specs/loop.yaml": "A:\n  $ref: '#/B'\nB:\n  $ref: '#/A'\n" });
    const result = await once(root);
    expect(errors(result).map((d) => d.code)).toContain("spec/ref-cycle");
    const cycles = errors(result).filter((d) => d.code === "spec/ref-cycle");
    expect(cycles).toContainEqual(expect.objectContaining({ file: "specs/loop.yaml", pointer: "#/A", line: 2 }));
    expect(cycles).toContainEqual(
      expect.objectContaining({
        file: "specs/loop.yaml",
        pointer: "#/B",
        line: 4,
        message: expect.stringContaining('"specs/loop.yaml#/A"'),
      }),
    );
    expect(result.output).toBeUndefined();
  });

  it("generates the same bytes from the same files, wherever the repository is", async () => {
    const files = {
      "specs/shared/errors.yaml": ERRORS_YAML,
      "specs/tree/node.yaml":
        "Node:\n  type: object\n  properties:\n    next:\n      $ref: '#/Node'\n    error:\n      $ref: ../shared/errors.yaml#/components/schemas/Error\n",
    };
    const edit = withModelRef("./tree/node.yaml#/Node", "    Error:\n      $ref: ./shared/errors.yaml#/components/schemas/Error\n");
    const outputs: Array<Record<string, string>> = [];
    for (const _ of [1, 2]) {
      const root = await makeRepo(edit, files);
      expect(errors(await once(root))).toEqual([]);
      const dir = join(root, GENERATED);
      const names = (await readdir(dir)).sort();
      outputs.push(Object.fromEntries(await Promise.all(names.map(async (n) => [n, await readFile(join(dir, n), "utf8")] as const))));
    }
    expect(outputs[1]).toEqual(outputs[0]);
    // The spec's own `Error` component received the referenced object; no `Error2` copy next to it.
    expect(outputs[0]?.["schema.ts"]).not.toContain("Error2");
  });
});

describe("relative file $refs that cannot be followed", () => {
  it("a missing file is reported at the ref, in the referring file", async () => {
    const root = await makeRepo(withModelRef("./shared/nope.yaml#/Model"));
    const result = await once(root);
    const spec = await readFile(join(root, "specs", "acme.yaml"), "utf8");
    expect(errors(result)).toEqual([
      expect.objectContaining({
        code: "spec/ref-file-missing",
        file: "specs/acme.yaml",
        line: lineOf(spec, "nope.yaml"),
        column: expect.any(Number),
      }),
    ]);
    expect(errors(result)[0]?.message).toContain("specs/shared/nope.yaml");
    expect(result.output).toBeUndefined();
  });

  it("a missing pointer in an existing file is reported at the ref, naming the file and the pointer", async () => {
    const root = await makeRepo(withModelRef("./shared/errors.yaml#/components/schemas/Nope"), { "specs/shared/errors.yaml": ERRORS_YAML });
    const result = await once(root);
    const spec = await readFile(join(root, "specs", "acme.yaml"), "utf8");
    expect(errors(result)).toEqual([
      expect.objectContaining({ code: "spec/no-unresolved-refs", file: "specs/acme.yaml", line: lineOf(spec, "Nope") }),
    ]);
    expect(errors(result)[0]?.message).toContain("#/components/schemas/Nope");
  });

  it("a missing pointer inside a referenced file is reported in that file", async () => {
    const broken = ERRORS_YAML.replace('"#/components/schemas/Detail"', '"#/components/schemas/Gone"');
    const root = await makeRepo(withModelRef("./shared/errors.yaml#/components/schemas/Error"), { "specs/shared/errors.yaml": broken });
    const result = await once(root);
    expect(errors(result)).toEqual([
      expect.objectContaining({
        code: "spec/no-unresolved-refs",
        file: "specs/shared/errors.yaml",
        line: lineOf(broken, "Gone"),
        pointer: "#/components/schemas/Error/properties/detail/$ref",
      }),
    ]);
  });

  it("a YAML error in a referenced file is reported at that file's line, not as an internal error", async () => {
    const bad = "Model:\n  type: object\n  properties: {id: [\n";
    const root = await makeRepo(withModelRef("./shared/bad.yaml#/Model"), { "specs/shared/bad.yaml": bad });
    const result = await once(root);
    expect(errors(result).length).toBeGreaterThan(0);
    for (const d of errors(result))
      expect(d).toMatchObject({ code: "yaml/syntax", file: "specs/shared/bad.yaml", line: expect.any(Number) });
    expect(result.references).toEqual(["specs/shared/bad.yaml"]);
  });

  it("a lint problem in a referenced schema is reported in that file, with its line and pointer", async () => {
    const withLeftover = ERRORS_YAML.replace(
      "        code:\n          type: string\n",
      "        code:\n          type: string\n          nullable: true\n",
    );
    const root = await makeRepo(withModelRef("./shared/errors.yaml#/components/schemas/Error"), {
      "specs/shared/errors.yaml": withLeftover,
    });
    const result = await once(root);
    const found = errors(result).find((d) => d.file === "specs/shared/errors.yaml");
    expect(found).toMatchObject({
      code: "spec/struct",
      pointer: expect.stringMatching(/^#\/components\/schemas\/Error\/properties\/code/),
    });
    expect(found?.line).toBeGreaterThanOrEqual(lineOf(withLeftover, "code:"));
    expect(found?.line).toBeLessThanOrEqual(lineOf(withLeftover, "nullable"));
    expect(errors(result).filter((d) => d.file === "specs/acme.yaml")).toEqual([]);
  });

  it("refuses a path leaving the repository, also from a referenced file and through a symbolic link", async () => {
    const direct = await makeRepo(withModelRef("../../outside.yaml#/Model"));
    expect(errors(await once(direct))).toEqual([expect.objectContaining({ code: "spec/ref-outside-repository", file: "specs/acme.yaml" })]);

    const nested = await makeRepo(withModelRef("./shared/model.yaml"), {
      "specs/shared/model.yaml": "type: object\nproperties:\n  x:\n    $ref: ../../../elsewhere.yaml\n",
    });
    expect(errors(await once(nested))).toEqual([
      expect.objectContaining({ code: "spec/ref-outside-repository", file: "specs/shared/model.yaml", line: 4 }),
    ]);

    const outside = await tempDir("modelfleet-codegen-outside-");
    await writeFile(join(outside, "model.yaml"), "type: object\n");
    const linked = await makeRepo(withModelRef("./linked/model.yaml"));
    await symlink(outside, join(linked, "specs", "linked"), "dir");
    const viaLink = await once(linked);
    expect(errors(viaLink)).toEqual([expect.objectContaining({ code: "spec/ref-outside-repository", file: "specs/acme.yaml" })]);
    expect(errors(viaLink)[0]?.message).toContain("symbolic link");
  });

  it("refuses a remote ref in a referenced file without fetching it", async () => {
    const root = await makeRepo(withModelRef("./shared/model.yaml"), {
      "specs/shared/model.yaml": "type: object\nproperties:\n  x:\n    $ref: http://127.0.0.1:9/x.yaml\n",
    });
    expect(errors(await once(root))).toEqual([
      expect.objectContaining({ code: "spec/remote-ref", file: "specs/shared/model.yaml", line: 4 }),
    ]);
  });
});

describe("referenced files as turbo inputs", () => {
  it("a new package's turbo.json lists them; one that does not gets a warning, skipped run or not", async () => {
    const root = await makeRepo(withModelRef("./shared/errors.yaml#/components/schemas/Error"), {
      "specs/shared/errors.yaml": ERRORS_YAML,
    });
    expect((await once(root)).diagnostics).toEqual([]);
    const turboPath = join(root, "packages", "acme", "turbo.json");
    const turbo = JSON.parse(await readFile(turboPath, "utf8")) as { tasks: Record<string, { inputs: string[] }> };
    expect(turbo.tasks.generate?.inputs).toEqual(["$TURBO_ROOT$/specs/acme.yaml", "$TURBO_ROOT$/specs/shared/errors.yaml"]);
    expect(turbo.tasks.test?.inputs).toContain("$TURBO_ROOT$/specs/shared/errors.yaml");

    const inputs = (list: string[]) => ({ ...turbo, tasks: { ...turbo.tasks, generate: { ...turbo.tasks.generate, inputs: list } } });
    await writeFile(turboPath, JSON.stringify(inputs(["$TURBO_ROOT$/specs/acme.yaml"])));
    const skipped = await once(root);
    expect(skipped.skipped).toBe(true);
    expect(skipped.diagnostics).toEqual([
      expect.objectContaining({ severity: "warning", code: "modelfleet/turbo-inputs", file: "packages/acme/turbo.json" }),
    ]);
    expect(skipped.diagnostics[0]?.message).toContain("specs/shared/errors.yaml");
    // A folder glob covers them.
    await writeFile(turboPath, JSON.stringify(inputs(["$TURBO_ROOT$/specs/acme.yaml", "$TURBO_ROOT$/specs/shared/**"])));
    expect((await once(root)).diagnostics).toEqual([]);
  });

  it("the repository's drift check (//#check:generated) must list them too: a file outside specs/ gets a warning", async () => {
    const rootTurbo = (inputs: string[]) => JSON.stringify({ tasks: { "//#check:generated": { inputs } } });
    const root = await makeRepo(withModelRef("../schemas/errors.yaml#/components/schemas/Error"), {
      "schemas/errors.yaml": ERRORS_YAML,
      "turbo.json": rootTurbo(["specs/**", "packages/*/src/generated/**"]),
    });
    const first = await once(root);
    expect(errors(first)).toEqual([]);
    expect(first.diagnostics).toEqual([
      expect.objectContaining({ severity: "warning", code: "modelfleet/turbo-inputs", file: "turbo.json" }),
    ]);
    expect(first.diagnostics[0]?.message).toBe(
      "turbo.json does not list schemas/errors.yaml among the inputs of its //#check:generated task",
    );
    expect(first.diagnostics[0]?.help).toContain('"schemas/errors.yaml"');

    await writeFile(join(root, "turbo.json"), rootTurbo(["specs/**", "schemas/**"]));
    expect((await once(root)).diagnostics).toEqual([]);
  });
});

describe("referenced files in the skip hash and --check", () => {
  it("an edit to a referenced file only makes --check report the package stale, and generate regenerate", async () => {
    const root = await makeRepo(withModelRef("./shared/errors.yaml#/components/schemas/Error"), {
      "specs/shared/errors.yaml": ERRORS_YAML,
    });
    expect((await once(root)).skipped).toBe(false);
    expect((await once(root)).skipped).toBe(true);

    await writeFile(
      join(root, "specs", "shared", "errors.yaml"),
      ERRORS_YAML.replace("        field:\n", "        hint:\n          type: string\n        field:\n"),
    );
    const checked = await once(root, { check: true });
    expect(checked.skipped).toBe(false);
    expect(checked.output?.stale).toContain(`${GENERATED}/schema.ts`);

    const regenerated = await once(root);
    expect(regenerated.skipped).toBe(false);
    expect(regenerated.output?.written).toContain(`${GENERATED}/schema.ts`);
    expect(await schemaTs(root)).toContain("hint?: string;");
    expect((await once(root)).skipped).toBe(true);
    expect((await once(root, { check: true })).output?.stale).toEqual([]);
  });

  it("a change that leaves the types alike still changes the header hash, so --check sees it", async () => {
    const root = await makeRepo(withModelRef("./shared/errors.yaml#/components/schemas/Error"), {
      "specs/shared/errors.yaml": ERRORS_YAML,
    });
    await once(root);
    const before = await schemaTs(root);
    await writeFile(join(root, "specs", "shared", "errors.yaml"), `# a comment\n${ERRORS_YAML}`);
    const checked = await once(root, { check: true });
    expect(checked.output?.stale.length).toBeGreaterThan(0);
    await once(root);
    const after = await schemaTs(root);
    expect(after).not.toEqual(before);
    expect(after.split("\n").slice(3)).toEqual(before.split("\n").slice(3));
    expect(after.split("\n")[2]).not.toEqual(before.split("\n")[2]);
  });
});

describe("import of a vendor document with file refs", () => {
  const vendor = (ref: string) =>
    [
      "openapi: 3.0.3",
      "info: {title: Vendor, version: '1'}",
      "servers: [{url: 'https://api.vendor.example'}]",
      "paths:",
      "  /things:",
      "    get:",
      "      operationId: listThings",
      "      responses:",
      "        '200':",
      "          description: Things.",
      "          content:",
      "            application/json:",
      `              schema: {$ref: '${ref}'}`,
      "",
    ].join("\n");

  it("copies the document alone: its refs to files left behind fail the import, which leaves specs/ as it was", async () => {
    const root = await makeRepo((t) => t);
    const download = await tempDir("modelfleet-codegen-download-");
    await writeFile(join(download, "vendor.yaml"), vendor("./common.yaml#/Thing"));
    await writeFile(join(download, "common.yaml"), "Thing: {type: object}\n");
    const outcome = await importDocument({ root, file: join(download, "vendor.yaml"), id: "vendor" });
    expect(errors(outcome.result)).toEqual([expect.objectContaining({ code: "spec/ref-file-missing", file: "specs/vendor.vendor.yaml" })]);
    expect((await readdir(join(root, "specs"))).sort()).toEqual(["acme.yaml"]);
  });

  it("follows them when the files are already in place in specs/, where the document lands", async () => {
    const root = await makeRepo((t) => t, {
      "specs/vendor-common/thing.yaml": "Thing:\n  type: object\n  properties:\n    name:\n      type: string\n",
    });
    const download = await tempDir("modelfleet-codegen-download-");
    await writeFile(join(download, "vendor.yaml"), vendor("./vendor-common/thing.yaml#/Thing"));
    const outcome = await importDocument({ root, file: join(download, "vendor.yaml"), id: "vendor" });
    expect(errors(outcome.result)).toEqual([]);
    expect(outcome.result.references).toEqual(["specs/vendor-common/thing.yaml"]);
    expect(await readFile(join(root, "packages", "vendor", "src", "generated", "schema.ts"), "utf8")).toMatch(
      /Thing: \{\n\s+name\?: string;/,
    );
  });
});
