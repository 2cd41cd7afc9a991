import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { generate } from "../src/generate/generate.js";
import { FIXTURES, removeTemps, tempDir } from "./helpers.js";

afterEach(removeTemps);

const AMBIGUOUS = "#/paths/~1models~1{model_id}~1card";

/** Two templated paths that both match `/models/by-name/card`: Redocly's `no-ambiguous-paths` warns at the second. */
const OVERLAPPING_PATHS = `paths:
  /models/by-name/{name}:
    get:
      operationId: getModelByName
      summary: Get a model by its name
      parameters:
        - name: name
          in: path
          required: true
          schema:
            type: string
      responses:
        "200":
          description: The model.
          content:
            application/json:
              schema:
                $ref: "#/components/schemas/Model"
  /models/{model_id}/card:
    get:
      operationId: getModelCard
      summary: Get a model's card
      parameters:
        - name: model_id
          in: path
          required: true
          schema:
            type: string
      responses:
        "200":
          description: The card.
          content:
            application/json:
              schema:
                $ref: "#/components/schemas/Model"
`;

/** A repository whose one spec, `specs/acme.yaml`, has overlapping paths. */
async function makeRepo(): Promise<string> {
  const root = await tempDir();
  await mkdir(join(root, "specs"));
  await mkdir(join(root, "packages", "runtime"), { recursive: true });
  await writeFile(
    join(root, "packages", "runtime", "package.json"),
    `${JSON.stringify({ name: "@modelfleet/runtime", version: "0.1.0" })}\n`,
  );
  const spec = join(root, "specs", "acme.yaml");
  await copyFile(join(FIXTURES, "valid.yaml"), spec);
  await writeFile(spec, (await readFile(spec, "utf8")).replace("paths:\n", OVERLAPPING_PATHS));
  return root;
}

const ignoring = (rule: string, pointer: string) => `specs/acme.yaml:\n  ${rule}:\n    - "${pointer}"\n`;

async function codes(root: string): Promise<string[]> {
  const [result] = await generate({ root });
  return (result?.diagnostics ?? []).map((d) => `${d.severity} ${d.code} ${d.pointer}`);
}

describe("the repository's .redocly.lint-ignore.yaml", () => {
  it("waives the warnings it lists, on a fresh run and on a skipped one, and a change to it is seen at once", async () => {
    const root = await makeRepo();
    const warning = `warning spec/no-ambiguous-paths ${AMBIGUOUS}`;
    expect(await codes(root)).toContain(warning);

    await writeFile(join(root, ".redocly.lint-ignore.yaml"), ignoring("no-ambiguous-paths", AMBIGUOUS));
    expect(await codes(root)).not.toContain(warning);
    // Unchanged spec, generator and outputs: skipped, and the waived warning is not replayed.
    const [skipped] = await generate({ root });
    expect(skipped?.skipped).toBe(true);
    expect(skipped?.diagnostics).toEqual([]);

    // Another pointer listed instead: the warning is back, although nothing else changed.
    await writeFile(join(root, ".redocly.lint-ignore.yaml"), ignoring("no-ambiguous-paths", "#/paths/~1models~1by-name~1{name}"));
    expect(await codes(root)).toContain(warning);
  });

  it("never waives an error, and a file that does not parse waives nothing", async () => {
    const root = await makeRepo();
    const spec = join(root, "specs", "acme.yaml");
    // The same path declared twice over (a template renamed): no-identical-paths, an error.
    await writeFile(
      spec,
      (await readFile(spec, "utf8")).replace("  /models/{model_id}:\n", "  /models/{other_id}:\n  /models/{model_id}:\n"),
    );
    const before = await codes(root);
    const error = before.find((c) => c.startsWith("error spec/"));
    expect(error).toBeDefined();
    const [, rule = "", pointer = ""] = (error ?? "").split(" ");
    await writeFile(join(root, ".redocly.lint-ignore.yaml"), ignoring(rule.slice("spec/".length), pointer));
    expect(await codes(root)).toContain(error);

    await writeFile(join(root, ".redocly.lint-ignore.yaml"), "specs/acme.yaml: [\n");
    expect(await codes(root)).toEqual(before);
  });
});
