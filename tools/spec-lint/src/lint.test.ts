import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const CONFIG = join(ROOT, "redocly.yaml");
// A real spec is the base, so the mutations below keep breaking what the committed specs actually contain.
const BASE_SPEC = join(ROOT, "specs", "deepinfra.yaml");

// The breakages below reach into a parsed spec of known shape; typing every path would add nothing.
// biome-ignore lint/suspicious/noExplicitAny: see above
type Doc = Record<string, any>;

/** Each copy of the base spec breaks one convention; the key is the rule that must report it, as an error. */
const BREAKAGES: Record<string, { rule: string; break: (doc: Doc) => void }> = {
  "no-operation-id": { rule: "operation-operationId", break: (d) => delete d.paths["/deploy/{deploy_id}"].get.operationId },
  "snake-case-operation-id": {
    rule: "rule/operation-id-camel-case",
    break: (d) => {
      d.paths["/deploy/{deploy_id}"].get.operationId = "get_deployment";
    },
  },
  "no-summary": { rule: "operation-summary", break: (d) => delete d.paths["/deploy/{deploy_id}"].get.summary },
  "no-tags": { rule: "rule/operation-has-tag", break: (d) => delete d.paths["/deploy/{deploy_id}"].get.tags },
  "no-success-example": {
    rule: "rule/success-response-has-example",
    break: (d) => delete d.paths["/deploy/{deploy_id}"].get.responses["200"].content["application/json"].example,
  },
  "no-request-body-example": {
    rule: "rule/request-body-has-example",
    break: (d) => delete d.paths["/deploy/llm"].post.requestBody.content["application/json"].example,
  },
  "no-4xx-response": {
    rule: "operation-4xx-response",
    break: (d) => {
      const del = d.paths["/deploy/{deploy_id}"].delete;
      del.responses = { "200": del.responses["200"] };
    },
  },
  "error-response-without-body": {
    rule: "rule/error-response-has-body",
    break: (d) => {
      d.paths["/deploy/{deploy_id}"].get.responses["403"] = { description: "Forbidden." };
    },
  },
  "error-response-without-schema": {
    rule: "rule/error-response-has-schema",
    break: (d) => {
      d.paths["/deploy/{deploy_id}"].get.responses["403"] = {
        description: "Forbidden.",
        content: { "application/json": { example: { error: "Forbidden" } } },
      };
    },
  },
  "error-response-without-example": {
    rule: "rule/error-response-has-example",
    break: (d) => {
      d.paths["/deploy/{deploy_id}"].get.responses["403"] = {
        description: "Forbidden.",
        content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
      };
    },
  },
  "path-parameter-without-example": {
    rule: "rule/path-parameter-has-example",
    break: (d) => delete d.paths["/deploy/{deploy_id}"].get.parameters[0].example,
  },
  "response-example-breaks-schema": {
    rule: "no-invalid-media-type-examples",
    break: (d) => {
      d.paths["/deploy/{deploy_id}"].get.responses["200"].content["application/json"].example.instances.running = "one";
    },
  },
  "request-example-breaks-schema": {
    rule: "no-invalid-media-type-examples",
    break: (d) => {
      d.paths["/deploy/{deploy_id}"].put.requestBody.content["application/json"].example.settings.min_instances = "two";
    },
  },
  "example-with-undeclared-property": {
    rule: "no-invalid-media-type-examples",
    break: (d) => {
      d.paths["/deploy/{deploy_id}"].put.responses["200"].content["application/json"].example.deploy_idd = "typo";
    },
  },
  "list-without-pagination": {
    rule: "modelfleet/list-declares-pagination",
    break: (d) => delete d.paths["/deploy/list"].get["x-modelfleet-pagination"],
  },
  "paging-parameter-without-pagination": {
    rule: "modelfleet/list-declares-pagination",
    break: (d) => {
      d.paths["/deploy/{deploy_id}"].get.parameters.push({ name: "page_token", in: "query", schema: { type: "string" } });
    },
  },
  "parameter-example-breaks-schema": {
    rule: "no-invalid-parameter-examples",
    break: (d) => {
      d.paths["/deploy/list"].get.parameters[0].example = 5;
    },
  },
};

interface Problem {
  ruleId: string;
  severity: string;
  location: { source: { ref: string }; pointer: string }[];
}

interface LintRun {
  exitCode: number;
  problems: Problem[];
}

/** Runs the project's Redocly CLI with the committed config, as `npm run lint:specs` does, and parses its JSON report. */
function lint(files: string[]): Promise<LintRun> {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve("@redocly/cli/package.json");
  const bin = join(dirname(manifest), (JSON.parse(readFileSync(manifest, "utf8")) as { bin: { redocly: string } }).bin.redocly);
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [bin, "lint", "--config", CONFIG, "--format", "json", ...files],
      { env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        try {
          const reports = jsonDocuments(stdout) as { problems: Problem[] }[];
          if (reports.length !== files.length) throw new Error(`expected ${files.length} reports, got ${reports.length}`);
          resolve({ exitCode: error ? Number(error.code ?? 1) : 0, problems: reports.flatMap((report) => report.problems) });
        } catch {
          reject(new Error(`redocly lint printed no JSON report (exit ${error?.code ?? 0}):\n${stderr}\n${stdout}`));
        }
      },
    );
  });
}

/** Redocly prints one JSON report per linted file, back to back (`}{`): split them on top-level braces. */
function jsonDocuments(text: string): unknown[] {
  const documents: unknown[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === "\\") i++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === "{") {
      if (depth++ === 0) start = i;
    } else if (char === "}" && --depth === 0) documents.push(JSON.parse(text.slice(start, i + 1)));
  }
  return documents;
}

describe("redocly.yaml", () => {
  let dir: string;
  let run: LintRun;

  // One CLI run over an intact copy (the control case) and every broken copy: each file gets its own report.
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "modelfleet-spec-lint-"));
    const source = readFileSync(BASE_SPEC, "utf8");
    const files = [join(dir, "intact.yaml")];
    await writeFile(files[0] as string, source);
    for (const [name, breakage] of Object.entries(BREAKAGES)) {
      const doc = parse(source) as Doc;
      breakage.break(doc);
      files.push(join(dir, `${name}.yaml`));
      await writeFile(join(dir, `${name}.yaml`), stringify(doc));
    }
    run = await lint(files);
  }, 60_000);

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const rulesIn = (name: string) =>
    [
      ...new Set(
        run.problems
          .filter((p) => /[\\/]([^\\/]+)\.yaml$/.exec(p.location[0]?.source.ref ?? "")?.[1] === name)
          .map((p) => `${p.ruleId} (${p.severity})`),
      ),
    ].sort();

  it("passes an unmodified copy of a committed spec (the control case)", () => {
    expect(rulesIn("intact")).toEqual([]);
  });

  it("fails (non-zero exit) when a spec breaks a rule", () => {
    expect(run.exitCode).not.toBe(0);
  });

  it("names the fix in the pagination rule's message", () => {
    const problem = run.problems.find((p) => p.ruleId === "modelfleet/list-declares-pagination") as Problem & { message: string };
    expect(problem.message).toMatch(
      /x-modelfleet-pagination: \{style: offset.*specs\/README\.md#pagination.*x-modelfleet-pagination: false/,
    );
    expect(problem.message).toMatch(/^This list operation returns an array but declares no/);
    expect(problem.location[0]?.pointer).toBe("#/paths/~1deploy~1list/get");
  });

  for (const [name, { rule }] of Object.entries(BREAKAGES)) {
    it(`${name}: reported by ${rule} as an error, and by nothing else`, () => {
      expect(rulesIn(name)).toEqual([`${rule} (error)`]);
    });
  }
});
