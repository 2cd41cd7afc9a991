import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { describeFixtures } from "./fixtures.js";
import { exampleParams, loadSpec, successExamples, validateRequestBody, validateResponse } from "./spec.js";

const MINI = fileURLToPath(new URL("../test/fixtures/mini.yaml", import.meta.url));
const spec = loadSpec(MINI);

describe("loadSpec", () => {
  it("lists every operation with path-item parameters merged in and references resolved", () => {
    expect(spec.operations.map((op) => `${op.method} ${op.path} ${op.operationId}`)).toEqual([
      "GET /things/{thing_id} getThing",
      "DELETE /things/{thing_id} deleteThing",
      "PATCH /things/{thing_id} patchThing",
      "GET /typo getTypo",
    ]);
    expect(spec.operation("getThing").parameters.map((p) => `${p.in}:${p.name}`)).toEqual(["path:thing_id", "query:verbose", "query:page"]);
    expect(() => spec.operation("nope")).toThrow(/has no operation nope/);
  });
});

describe("exampleParams and successExamples", () => {
  it("builds a method argument from parameter and body examples, leaving out parameters without one", () => {
    expect(exampleParams(spec, spec.operation("getThing"))).toEqual({ thing_id: "t-1", verbose: true });
    expect(exampleParams(spec, spec.operation("patchThing"))).toEqual({
      thing_id: "t-1",
      body: { id: "3c90c3cc-0d44-4b50-8888-8dd25736052a", name: "renamed" },
    });
  });

  it("lists each success example (named ones by name, referenced ones resolved) and empty successes", () => {
    expect(successExamples(spec, spec.operation("getThing"))).toEqual([
      { status: 200, name: undefined, hasBody: true, value: { id: "3c90c3cc-0d44-4b50-8888-8dd25736052a", name: "first" } },
    ]);
    expect(successExamples(spec, spec.operation("patchThing")).map((e) => [e.name, e.value])).toEqual([
      ["first", { id: "3c90c3cc-0d44-4b50-8888-8dd25736052a", name: "renamed" }],
      ["second", { id: "9b2e4f71-6a8d-4c35-b1e0-52f7d9a3c648", name: "other" }],
    ]);
    expect(successExamples(spec, spec.operation("deleteThing"))).toEqual([
      { status: 204, name: undefined, hasBody: false, value: undefined },
    ]);
  });
});

describe("validateResponse", () => {
  it("accepts a value the response schema allows, through $refs to responses and schemas", () => {
    expect(validateResponse(spec, "getThing", 200, { id: "3c90c3cc-0d44-4b50-8888-8dd25736052a", name: "x" })).toEqual({
      valid: true,
      errors: [],
    });
  });

  it("rejects wrong types and formats, naming each place", () => {
    expect(validateResponse(spec, "getThing", 200, { id: "nope", name: 5 })).toEqual({
      valid: false,
      errors: ['/id: must match format "uuid"', "/name: must be string"],
    });
  });

  it("allows OpenAPI's `example` and `x-` extension keywords in schemas", () => {
    expect(validateResponse(spec, "getThing", "404", { message: "gone" }).valid).toBe(true);
  });

  it("refuses a schema with an unknown keyword instead of ignoring it (a typo such as `requried`)", () => {
    expect(() => validateResponse(spec, "getTypo", 200, {})).toThrow(/unknown keyword: "requried"/);
  });

  it("refuses a status the operation does not declare", () => {
    expect(() => validateResponse(spec, "getThing", 500, {})).toThrow(/declares no 500 response/);
  });
});

describe("validateRequestBody", () => {
  it("validates a request sample against the operation's request body schema", () => {
    expect(validateRequestBody(spec, "patchThing", { id: "3c90c3cc-0d44-4b50-8888-8dd25736052a", name: "x" })).toEqual({
      valid: true,
      errors: [],
    });
    expect(validateRequestBody(spec, "patchThing", { id: "nope" })).toEqual({
      valid: false,
      errors: ["/: must have required property 'name'", '/id: must match format "uuid"'],
    });
  });

  it("refuses an operation without a request body", () => {
    expect(() => validateRequestBody(spec, "getThing", {})).toThrow(/getThing declares no request body/);
  });
});

// The fixture check itself, on two samples: one valid, one listed as a deliberate mismatch with its exact errors.
describeFixtures({
  spec: MINI,
  dir: fileURLToPath(new URL("../test/fixtures/samples", import.meta.url)),
  fixtures: {
    "current.json": { operationId: "getThing", status: 200, source: "test sample" },
    "outdated.json": {
      operationId: "getThing",
      status: 200,
      source: "test sample",
      mismatch: {
        why: "an older shape, kept to show that a listed mismatch must fail exactly as described",
        errors: ["/: must have required property 'name'", '/id: must match format "uuid"'],
      },
    },
  },
});

describe("loadSpec with file refs", () => {
  it("bundles the files a spec references, as the generator does, and validates against them", () => {
    const root = mkdtempSync(join(tmpdir(), "modelfleet-test-utils-"));
    try {
      mkdirSync(join(root, "specs", "shared"), { recursive: true });
      writeFileSync(
        join(root, "specs", "shared", "thing.yaml"),
        "Thing:\n  type: object\n  required: [id]\n  additionalProperties: false\n  properties:\n    id:\n      type: string\n",
      );
      writeFileSync(
        join(root, "specs", "acme.yaml"),
        [
          "openapi: 3.1.0",
          "info: {title: Acme, version: '1'}",
          "paths:",
          "  /things/{id}:",
          "    get:",
          "      operationId: getThing",
          "      parameters: [{name: id, in: path, required: true, schema: {type: string}, example: t-1}]",
          "      responses:",
          "        '200':",
          "          description: A thing.",
          "          content:",
          "            application/json:",
          "              schema: {$ref: './shared/thing.yaml#/Thing'}",
          "",
        ].join("\n"),
      );
      const shared = loadSpec(join(root, "specs", "acme.yaml"));
      expect(shared.document.components?.schemas?.Thing).toMatchObject({ required: ["id"] });
      expect(validateResponse(shared, "getThing", 200, { id: "t-1" })).toEqual({ valid: true, errors: [] });
      expect(validateResponse(shared, "getThing", 200, { id: 1 }).valid).toBe(false);

      writeFileSync(
        join(root, "specs", "acme.yaml"),
        readFileSync(join(root, "specs", "acme.yaml"), "utf8").replace("thing.yaml", "gone.yaml"),
      );
      expect(() => loadSpec(join(root, "specs", "acme.yaml"))).toThrow(/gone\.yaml, which does not exist/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
