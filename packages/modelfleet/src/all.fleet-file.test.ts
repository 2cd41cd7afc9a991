import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatRef, parseRef } from "./all.js";
import { checkDesiredState } from "./desired-state/check.js";
import schema from "./desired-state/fleet.schema.json";
import { FleetFileError, parseFleetFile, readFleetFile, stringifyFleetFile } from "./desired-state/fleet-file.js";

/** The built-in providers' reference grammar, as the CLI passes its fleet. */
const references = {
  parseRef: (ref: string) => parseRef(ref),
  formatRef: (parsed: { provider: string }) => formatRef(parsed as never) as string,
};

const GOOD_YAML = `# yaml-language-server: $schema=https://unpkg.com/modelfleet/dist/fleet.schema.json
deployments:
  - ref: deepinfra:fkj843kjh8
    scaling: { min: 0, max: 4 }
    state: running
  - ref: sieve:acme/whisper@latest
    scaling:
      min: 1
      max: 2
  - ref: opper-v2:f-1@r-9
`;

/** The problems of a bad file as `line:column key: message`. */
function problemsOf(text: string, file = "fleet.yaml") {
  try {
    parseFleetFile(text, { file, references });
  } catch (error) {
    expect(FleetFileError.isInstance(error)).toBe(true);
    const e = error as FleetFileError;
    expect(e.file).toBe(file);
    // The message is one `file:line:column: key: message` line per problem.
    expect(e.message.split("\n")).toEqual(e.problems.map((p) => `${file}:${p.line}:${p.column}: ${p.key}: ${p.message}`));
    return e.problems.map((p) => `${p.line}:${p.column} ${p.key}: ${p.message}`);
  }
  throw new Error("expected the file to be refused");
}

describe("parseFleetFile", () => {
  it("reads a YAML fleet file", () => {
    expect(parseFleetFile(GOOD_YAML, { file: "fleet.yaml", references })).toEqual({
      deployments: [
        { ref: "deepinfra:fkj843kjh8", scaling: { min: 0, max: 4 }, state: "running" },
        { ref: "sieve:acme/whisper@latest", scaling: { min: 1, max: 2 } },
        { ref: "opper-v2:f-1@r-9" },
      ],
    });
  });

  it("reads the same as JSON, $schema included", () => {
    const json = JSON.stringify({ $schema: schema.$id, deployments: [{ ref: "deepinfra:x", state: "stopped" }] }, null, "\t");
    expect(parseFleetFile(json, { file: "fleet.json", references })).toEqual({
      $schema: schema.$id,
      deployments: [{ ref: "deepinfra:x", state: "stopped" }],
    });
  });

  it("a YAML syntax error names its line", () => {
    expect(problemsOf("deployments:\n  - ref: deepinfra:a\n    state: running\n  scaling: 3\n")).toEqual([
      "4:1 (root): not valid YAML: All mapping items must start at the same column",
    ]);
    expect(problemsOf("deployments:\n\t- ref: deepinfra:a\n")).toEqual(["2:1 (root): not valid YAML: Tabs are not allowed as indentation"]);
  });

  it("a JSON syntax error names its line", () => {
    expect(problemsOf('{\n  "deployments": [\n    { "ref": "deepinfra:a", }\n  ]\n}\n', "fleet.json")).toEqual([
      expect.stringMatching(/^3:\d+ \(root\): not valid JSON: /),
    ]);
  });

  it("an unknown key names the key, on its own line", () => {
    expect(problemsOf("deployments:\n  - ref: deepinfra:a\n    scaling: { min: 0, max: 4 }\n    replicas: 3\n")).toEqual([
      '4:5 deployments[0].replicas: unknown key "replicas" (expected ref, scaling, state, version)',
    ]);
    expect(problemsOf("deployment:\n  - ref: deepinfra:a\n")).toEqual([
      "1:1 deployments: deployments is required",
      '1:1 deployment: unknown key "deployment" (expected $schema, deployments, prices)',
    ]);
  });

  it("min > max, a negative bound, a bound that is not an integer", () => {
    const text = `deployments:
  - ref: deepinfra:a
    scaling: { min: 5, max: 2 }
  - ref: deepinfra:b
    scaling:
      min: -1
      max: 2.5
  - ref: deepinfra:c
    scaling: { min: "1", max: 2 }
`;
    expect(problemsOf(text)).toEqual([
      "3:21 deployments[0].scaling.min: min (5) must not exceed max (2)",
      "6:12 deployments[1].scaling.min: min must be a non-negative integer, got -1",
      "7:12 deployments[1].scaling.max: max must be an integer, got 2.5",
      '9:21 deployments[2].scaling.min: min must be an integer, got "1"',
    ]);
  });

  it("a reference named twice (in any spelling of it) and a malformed reference", () => {
    const text = `deployments:
  - ref: deepinfra:a
  - ref: sieve:acme
  - ref: deepinfra:a
    state: running
  - ref: whatever
  - ref: acme:x
`;
    expect(problemsOf(text)).toEqual([
      expect.stringMatching(/^3:10 deployments\[1\]\.ref: .*sieve:<owner>\/<function>@<version_slug\|latest>/),
      "4:10 deployments[2].ref: duplicate reference deepinfra:a (also deployments[0])",
      '6:10 deployments[3].ref: ref must be a reference <provider id>:<rest> (modelfleet providers shows each provider\'s form), got "whatever"',
      expect.stringMatching(/^7:10 deployments\[4\]\.ref: .*Unknown provider/i),
    ]);
  });

  it("without the fleet's references, a reference is only checked for its shape, and twice means written twice", () => {
    const text = "deployments:\n  - ref: deepinfra:a\n  - ref: nobody:x\n  - ref: deepinfra:a\n";
    try {
      parseFleetFile(text, { file: "f.yaml" });
      throw new Error("expected the file to be refused");
    } catch (error) {
      expect((error as FleetFileError).problems).toEqual([
        { line: 4, column: 10, key: "deployments[2].ref", message: "duplicate reference deepinfra:a (also deployments[0])" },
      ]);
    }
  });

  it("a version that is empty or not a string names its key", () => {
    expect(problemsOf('deployments:\n  - ref: deepinfra:a\n    version: ""\n  - ref: deepinfra:b\n    version: 3\n')).toEqual([
      "3:14 deployments[0].version: version must NOT have fewer than 1 characters",
      "5:14 deployments[1].version: version must be a string, got 3",
    ]);
  });

  it("a state the schema does not know, a key given twice, a file that is not a mapping", () => {
    expect(problemsOf("deployments:\n  - ref: deepinfra:a\n    state: paused\n")).toEqual([
      '3:12 deployments[0].state: state must be one of running, stopped, got "paused"',
    ]);
    expect(problemsOf("deployments:\n  - ref: deepinfra:a\n    ref: deepinfra:b\n")).toEqual([
      expect.stringMatching(/^3:5 \(root\): not valid YAML: Map keys must be unique/),
    ]);
    expect(problemsOf("- deepinfra:a\n")).toEqual(['1:1 (root): the file must be an object, got ["deepinfra:a"]']);
  });

  it("readFleetFile reads from disk; a missing file is a FleetFileError naming it", async () => {
    const dir = await mkdtemp(join(tmpdir(), "fleet-file-"));
    try {
      const path = join(dir, "fleet.yaml");
      await writeFile(path, GOOD_YAML);
      expect((await readFleetFile(path, { references })).deployments).toHaveLength(3);
      await expect(readFleetFile(join(dir, "missing.yaml"))).rejects.toThrow(
        /missing\.yaml:1:1: \(root\): cannot read the fleet file: no such file/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("stringifyFleetFile", () => {
  it("writes YAML with the schema comment, and JSON with $schema; both read back the same", () => {
    const desired = parseFleetFile(GOOD_YAML, { file: "fleet.yaml", references });
    const yaml = stringifyFleetFile(desired);
    expect(yaml.split("\n")[0]).toBe(`# yaml-language-server: $schema=${schema.$id}`);
    expect(yaml).toContain("  - ref: deepinfra:fkj843kjh8\n    scaling:\n      min: 0\n      max: 4\n    state: running\n");
    expect(parseFleetFile(yaml, { file: "out.yaml", references })).toEqual(desired);
    const json = stringifyFleetFile(desired, "json");
    expect(JSON.parse(json).$schema).toBe(schema.$id);
    expect(parseFleetFile(json, { file: "out.json", references })).toEqual({ $schema: schema.$id, ...desired });
  });
});

describe("the published JSON Schema", () => {
  it("ships in dist/ as the build copies it, and its keys are the ones checkDesiredState knows", async () => {
    const built = JSON.parse(await readFile(new URL("../dist/fleet.schema.json", import.meta.url), "utf8"));
    expect(built).toEqual(schema);
    const entry = schema.$defs.deployment;
    expect(Object.keys(schema.properties)).toEqual(["$schema", "deployments", "prices"]);
    expect(Object.keys(entry.properties)).toEqual(["ref", "scaling", "state", "version"]);
    expect(entry.properties.state.enum).toEqual(["running", "stopped"]);
    // A value the checker accepts passes the schema and the other way round (checked through the file parser).
    const value = { deployments: [{ ref: "modzy:m@1.0.0", scaling: { min: 0, max: 0 }, state: "stopped", version: "1.0.0" }] };
    expect(checkDesiredState(value)).toEqual([]);
    expect(parseFleetFile(JSON.stringify(value), { file: "x.json", references })).toEqual(value);
  });
});

describe("the root README", () => {
  const readme = () => readFile(new URL("../../../README.md", import.meta.url), "utf8");

  it("its fleet file parses, and the error it quotes is the one a bad bound in it gives", async () => {
    const text = await readme();
    const section = text.split("## Fleet as code\n")[1] ?? "";
    const example = /```yaml\n([\s\S]*?)```/.exec(section)?.[1] ?? "";
    expect(parseFleetFile(example, { file: "fleet.yaml", references }).deployments).toHaveLength(4);
    const quoted = /`(fleet\.yaml:\d+:\d+: [^`]+)`/.exec(section)?.[1];
    expect(quoted).toBeDefined();
    expect(problemsOf(example.replace("min: 0, max: 4", "min: 5, max: 4")).map((p) => `fleet.yaml:${p.replace(" ", ": ")}`)).toEqual([
      quoted,
    ]);
  });
});
