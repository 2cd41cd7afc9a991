import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ruleTable } from "./diff-rule-table.js";

describe("the README's rule table", () => {
  it("is the rule table the diff applies", async () => {
    const readme = await readFile(join(import.meta.dirname, "..", "README.md"), "utf8");
    // On failure, paste the expected table into tools/codegen/README.md#diff.
    expect(readme).toContain(ruleTable());
  });
});
