import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { bumpFor } from "../src/diff/changeset.js";
import { diffSpecs } from "../src/diff/command.js";
import { FIXTURES, gitIn, removeTemps, runCli, tempDir } from "./helpers.js";

afterEach(removeTemps);

const SPEC = "specs/acme.yaml";
const CHANGESET = ".changeset/acme-spec-changes.md";

/** A git repository holding the valid fixture as `specs/acme.yaml` and the package it names, committed. */
async function makeRepo(version = "0.1.0"): Promise<string> {
  const root = await tempDir("modelfleet-diff-");
  await mkdir(join(root, "specs"));
  await mkdir(join(root, "packages", "acme"), { recursive: true });
  await copyFile(join(FIXTURES, "valid.yaml"), join(root, SPEC));
  await writePackage(root, version);
  await gitIn(root, "init", "-q");
  await gitIn(root, "add", ".");
  await gitIn(root, "commit", "-qm", "acme spec");
  return root;
}

async function writePackage(root: string, version: string): Promise<void> {
  await writeFile(join(root, "packages", "acme", "package.json"), `${JSON.stringify({ name: "@modelfleet/acme", version })}\n`);
}

async function editSpec(root: string, edit: (text: string) => string): Promise<void> {
  const path = join(root, SPEC);
  await writeFile(path, edit(await readFile(path, "utf8")));
}

/** Removes the `get` operation of /models/{model_id} (GetModel): a breaking change. */
const removeGetModel = (text: string) => text.replace(/ {4}get:\n {6}operationId: GetModel\n[\s\S]*?(?= {4}put:)/, "");
/** Adds an optional request field to ModelUpdate: a feature. */
const addOptionalField = (text: string) =>
  text.replace("    ModelUpdate:\n      type: object\n      properties:\n", "$&        label:\n          type: string\n");
/** Adds a required read-only field to ModelUpdate (a request schema): breaking for the types only. */
const addRequiredReadOnlyField = (text: string) =>
  text.replace(
    "    ModelUpdate:\n      type: object\n      properties:\n",
    "    ModelUpdate:\n      type: object\n      required: [id]\n      properties:\n        id:\n          type: string\n          readOnly: true\n",
  );
/** Rewords a summary: a fix. */
const rewordSummary = (text: string) => text.replace("summary: List models", "summary: List every model");

function frontMatter(text: string): string {
  return /^---\n([\s\S]*?)\n---/.exec(text)?.[1] ?? "";
}

describe("diff in a git repository", () => {
  it("diff --changeset after a breaking change writes a minor changeset for a 0.x package", async () => {
    const root = await makeRepo();
    await editSpec(root, removeGetModel);

    const { code, stdout, stderr } = await runCli(["diff", "--changeset"], root);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toContain("@modelfleet/acme (specs/acme.yaml) against HEAD: breaking (1 breaking, 0 feature, 0 fix)");
    expect(stdout).toMatch(
      /operation-removed: GET \/models\/\{model_id\} \(GetModel\) removed\n {6}at HEAD:specs\/acme\.yaml:\d+:\d+ #\/paths\/~1models~1\{model_id\}\/get/,
    );
    expect(stdout).toContain(`wrote ${CHANGESET}: "@modelfleet/acme": minor`);

    const changeset = await readFile(join(root, CHANGESET), "utf8");
    expect(frontMatter(changeset)).toBe('"@modelfleet/acme": minor');
    expect(changeset).toContain("- Breaking: GET /models/{model_id} (GetModel) removed");
  });

  it("a 1.x package gets major for a breaking change and minor for a feature", async () => {
    const root = await makeRepo("1.2.0");
    await editSpec(root, addOptionalField);
    await runCli(["diff", "--changeset"], root);
    const feature = await readFile(join(root, CHANGESET), "utf8");
    expect(frontMatter(feature)).toBe('"@modelfleet/acme": minor');
    expect(feature).toContain('- Feature: optional property "label" added (`ModelUpdate.label`, `PUT /models/{model_id}`)');

    await editSpec(root, removeGetModel);
    await runCli(["diff", "--changeset"], root);
    expect(frontMatter(await readFile(join(root, CHANGESET), "utf8"))).toBe('"@modelfleet/acme": major');
  });

  it("never writes a lower bump than one already pending for the package", async () => {
    const root = await makeRepo("1.0.0");
    await mkdir(join(root, ".changeset"));
    await writeFile(join(root, ".changeset", "hand-written.md"), '---\n"@modelfleet/acme": major\n---\n\nRework the client.\n');
    await editSpec(root, rewordSummary);

    const { stdout } = await runCli(["diff", "--changeset"], root);
    expect(stdout).toContain("(diff implies patch; kept major already pending in .changeset/hand-written.md)");
    expect(frontMatter(await readFile(join(root, CHANGESET), "utf8"))).toBe('"@modelfleet/acme": major');
    // the hand-written changeset is left as it was
    expect(await readFile(join(root, ".changeset", "hand-written.md"), "utf8")).toContain("Rework the client.");
  });

  it("compares with the package's newest release tag by default, so committed changes since the release count", async () => {
    const root = await makeRepo();
    await gitIn(root, "tag", "@modelfleet/acme@0.1.0");
    await editSpec(root, addOptionalField);
    await gitIn(root, "commit", "-qam", "feature after the release");
    await gitIn(root, "tag", "@modelfleet/acme@0.1.0-next.1");
    await gitIn(root, "tag", "@modelfleet/other@9.0.0");
    await editSpec(root, rewordSummary);

    const result = await diffSpecs({ root });
    expect(result.errors).toEqual([]);
    expect(result.specs).toHaveLength(1);
    const [spec] = result.specs;
    expect(spec?.base).toBe("@modelfleet/acme@0.1.0");
    expect(spec?.changes.map((c) => [c.kind, c.code, c.pointer])).toEqual([
      ["feature", "property-added", "#/components/schemas/ModelUpdate/properties/label"],
      ["fix", "summary-changed", "#/paths/~1models/get/summary"],
    ]);
    // locations point into the working-tree file: the `label:` key under ModelUpdate.properties
    expect(spec?.changes[0]).toMatchObject({ file: SPEC, line: 87, column: 9 });

    const head = await diffSpecs({ root, base: "HEAD" });
    expect(head.specs[0]?.changes.map((c) => c.code)).toEqual(["summary-changed"]);
  });

  it("--json gives the machine report and --fail-on sets the exit code", async () => {
    const root = await makeRepo();
    await editSpec(root, (t) => rewordSummary(addOptionalField(t)));

    const json = await runCli(["diff", "--json"], root);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as { specs: Array<{ packageName: string; highest: string; changes: Array<{ kind: string }> }> };
    expect(report.specs[0]).toMatchObject({ packageName: "@modelfleet/acme", highest: "feature" });
    expect(report.specs[0]?.changes.map((c) => c.kind)).toEqual(["feature", "fix"]);

    expect((await runCli(["diff", "--fail-on", "breaking"], root)).code).toBe(0);
    expect((await runCli(["diff", "--fail-on", "feature"], root)).code).toBe(1);
    expect((await runCli(["diff", "--fail-on", "nonsense"], root)).code).toBe(2);
  });

  it("shows both verdicts, explains one change, and lets --fail-on and the changeset judge by them", async () => {
    const root = await makeRepo();
    // A required read-only field in a request schema: senders never send it (wire: fix), yet the generated request
    // type now requires it (types: breaking).
    await editSpec(root, addRequiredReadOnlyField);

    const text = await runCli(["diff"], root);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(
      [
        '    required-property-added: required property "id" added',
        "      at specs/acme.yaml:88:9 #/components/schemas/ModelUpdate/properties/id",
        "      wire: fix, types: breaking (types only)",
        "      note: wire: `readOnly`: senders never send this property",
        "      in PUT /models/{model_id} (request)",
      ].join("\n"),
    );

    const json = JSON.parse((await runCli(["diff", "--json"], root)).stdout) as { specs: Array<{ changes: unknown[] }> };
    expect(json.specs[0]?.changes).toEqual([
      expect.objectContaining({
        kind: "breaking",
        wire: "fix",
        types: "breaking",
        code: "required-property-added",
        directions: ["request"],
      }),
    ]);

    expect((await runCli(["diff", "--fail-on", "wire:breaking"], root)).code).toBe(0);
    expect((await runCli(["diff", "--fail-on", "types:breaking"], root)).code).toBe(1);
    expect((await runCli(["diff", "--fail-on", "breaking"], root)).code).toBe(1);
    expect((await runCli(["diff", "--fail-on", "wire:worse"], root)).code).toBe(2);

    const explained = await runCli(["diff", "--explain", "#/components/schemas/ModelUpdate/properties/id"], root);
    expect(explained.code).toBe(0);
    expect(explained.stdout).toBe(
      [
        '@modelfleet/acme (specs/acme.yaml): required-property-added: required property "id" added',
        "  at specs/acme.yaml:88:9 #/components/schemas/ModelUpdate/properties/id",
        "  rule required-property-added: required property added (e.g. required `ItemCreate.color` added)",
        "  why: senders lack it (unless it is `readOnly`, which senders never send; the generated type still requires it); readers get more",
        "  the rule on the request side says: wire breaking, types breaking",
        "  reached from: PUT /models/{model_id} (request)",
        "  adjusted: wire: `readOnly`: senders never send this property",
        "  verdict: wire: fix, types: breaking (types only) → breaking (the bump follows the stronger of the two)",
        "",
      ].join("\n"),
    );
    // a pointer above the change finds it too; one with no change under it exits 1
    expect((await runCli(["diff", "--explain", "/components/schemas/ModelUpdate"], root)).stdout).toContain("required-property-added");
    const nothing = await runCli(["diff", "--explain", "#/components/schemas/Model"], root);
    expect([nothing.code, nothing.stdout]).toEqual([1, "no change at #/components/schemas/Model\n"]);
    expect((await runCli(["diff", "--explain", "#/x", "--json"], root)).code).toBe(2);

    await runCli(["diff", "--changeset"], root);
    const changeset = await readFile(join(root, CHANGESET), "utf8");
    expect(frontMatter(changeset)).toBe('"@modelfleet/acme": minor');
    expect(changeset).toContain('- Breaking (types only): required property "id" added (`ModelUpdate.id`, `PUT /models/{model_id}`)');
  });

  it("reports added and removed specs, and exits 2 on an unknown revision or an unparsable spec", async () => {
    const root = await makeRepo();
    await copyFile(join(FIXTURES, "valid.yaml"), join(root, "specs", "beta.yaml"));
    const added = await diffSpecs({ root });
    expect(added.specs.map((s) => [s.spec, s.status, s.highest])).toEqual([
      ["specs/acme.yaml", "unchanged", undefined],
      ["specs/beta.yaml", "added", "feature"],
    ]);

    const unknown = await runCli(["diff", "v9.9.9"], root);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown revision "v9.9.9"');

    await writeFile(join(root, SPEC), "openapi: 3.1.0\ninfo: [unclosed\n");
    const broken = await runCli(["diff"], root);
    expect(broken.code).toBe(2);
    expect(broken.stdout).toMatch(/^specs\/acme\.yaml:\d+:\d+ error yaml\/syntax: /m);
  });
});

describe("bump policy", () => {
  it.each([
    ["breaking", "0.4.1", "minor"],
    ["feature", "0.4.1", "patch"],
    ["fix", "0.4.1", "patch"],
    ["breaking", "1.0.0", "major"],
    ["feature", "1.0.0", "minor"],
    ["fix", "2.3.4", "patch"],
  ] as const)("%s at %s → %s", (kind, version, bump) => {
    expect(bumpFor(kind, version)).toBe(bump);
  });
});

describe("diff of a spec with file refs", () => {
  it("compares the resolved documents: a change in a referenced file only is reported at that file", async () => {
    const root = await makeRepo();
    await mkdir(join(root, "specs", "shared"));
    const model = "Model:\n  type: object\n  required: [id]\n  properties:\n    id:\n      type: string\n    status:\n      type: string\n";
    await writeFile(join(root, "specs", "shared", "model.yaml"), model);
    await editSpec(root, (text) =>
      text.replace(
        "    Model:\n      type: object\n      description: A deployed model.\n",
        "    Model:\n      $ref: ./shared/model.yaml#/Model\n    Unused:\n      type: object\n      description: A deployed model.\n",
      ),
    );
    await gitIn(root, "add", ".");
    await gitIn(root, "commit", "-qm", "shared model");

    expect((await diffSpecs({ root, base: "HEAD" })).specs[0]?.status).toBe("unchanged");
    // The referenced file alone changes: `status` is no longer returned.
    await writeFile(join(root, "specs", "shared", "model.yaml"), model.replace("    status:\n      type: string\n", ""));
    const result = await diffSpecs({ root, base: "HEAD" });
    expect(result.errors).toEqual([]);
    const removed = result.specs[0]?.changes.find((c) => c.code === "property-removed");
    expect(removed).toMatchObject({
      file: "HEAD:specs/shared/model.yaml",
      pointer: "#/components/schemas/Model/properties/status",
      line: 7,
    });
    expect(result.specs[0]?.status).toBe("changed");

    // A ref that no longer resolves makes the spec impossible to compare, like a spec that does not parse.
    await editSpec(root, (text) => text.replace("./shared/model.yaml#/Model", "./shared/gone.yaml#/Model"));
    const broken = await diffSpecs({ root, base: "HEAD" });
    expect(broken.specs).toEqual([]);
    expect(broken.errors).toEqual([expect.objectContaining({ code: "spec/ref-file-missing", file: SPEC })]);
  });
});
