import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { OUTPUT_FILE, SCHEMA_FILE, TYPES_FILE, TYPES_SOURCE, validatorSource } from "../../scripts/generate-validator.mjs";
import { validate } from "../generated/fleet-file-validator.js";

describe("the compiled fleet file validator", () => {
  it("is what the schema compiles to today (run `npm run generate` after changing the schema)", async () => {
    const schema = JSON.parse(await readFile(SCHEMA_FILE, "utf8"));
    expect(await readFile(OUTPUT_FILE, "utf8")).toBe(validatorSource(schema));
    expect(await readFile(TYPES_FILE, "utf8")).toBe(TYPES_SOURCE);
  });

  it("imports nothing, so the published package needs no ajv", async () => {
    const source = await readFile(OUTPUT_FILE, "utf8");
    expect(source).not.toMatch(/\brequire\(|^\s*import\s/m);
  });

  it("refuses a schema whose string length bounds depend on counting code points", () => {
    const bounded = (bound: object) => ({ type: "object", properties: { name: { type: "string", ...bound } } });
    expect(() => validatorSource(bounded({ minLength: 2 }))).toThrow(/unicode/);
    expect(() => validatorSource(bounded({ maxLength: 10 }))).toThrow(/unicode/);
    expect(() => validatorSource(bounded({ minLength: 1 }))).not.toThrow();
  });

  it("counts a version of one astral character as long enough (minLength 1)", () => {
    expect(validate({ deployments: [{ ref: "acme:x", version: "🚀" }] })).toBe(true);
    expect(validate({ deployments: [{ ref: "acme:x", version: "" }] })).toBe(false);
    expect(validate.errors?.map((e) => [e.instancePath, e.keyword])).toEqual([["/deployments/0/version", "minLength"]]);
  });
});
