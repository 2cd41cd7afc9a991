import { describe, expect, it } from "vitest";
import type { ProviderModel } from "../src/generate/model.js";
import { currentOperationsSection, operationsSection, withOperationsSection } from "../src/generate/readme-operations.js";

// Only the fields the block reads.
const model = {
  name: "Acme",
  operations: [
    { methodName: "listModels", summary: "List models", method: "GET", path: "/models", deprecated: false },
    { methodName: "purge", method: "DELETE", path: "/models", deprecated: true },
  ],
} as unknown as ProviderModel;

describe("operationsSection", () => {
  it("writes one line per operation, marking deprecated ones and tolerating a missing summary", () => {
    const section = operationsSection(model, "specs/acme.yaml");
    expect(section.split("\n").filter((line) => line.startsWith("- "))).toEqual([
      "- `listModels`: List models (`GET /models`)",
      "- `purge` (`DELETE /models`) (deprecated)",
    ]);
    expect(currentOperationsSection(`# x\n\n${section}\n\nmore\n`)).toBe(section);
  });
});

describe("withOperationsSection", () => {
  it("replaces only the block, and appends one to a README without it", () => {
    const section = operationsSection(model, "specs/acme.yaml");
    const readme = "# x\n\nintro\n\n<!-- modelfleet-codegen:operations -->\nold\n<!-- /modelfleet-codegen:operations -->\n\n## After\n";
    expect(withOperationsSection(readme, section)).toBe(`# x\n\nintro\n\n${section}\n\n## After\n`);
    expect(withOperationsSection("# x\n\nintro\n\n", section)).toBe(`# x\n\nintro\n\n${section}\n`);
    expect(currentOperationsSection("# x\n")).toBeUndefined();
  });
});
