import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ruleTable } from "./diff-rule-table.js";

/** Table rows with cell padding and separator lengths taken out (the formatter aligns the README's columns). */
function rows(markdown: string): string[] {
  return markdown
    .split("\n")
    .filter((line) => line.startsWith("|"))
    .map((line) =>
      line
        .split("|")
        .map((cell) => cell.trim().replace(/^-+$/, "-"))
        .join("|"),
    );
}

describe("the README's rule table", () => {
  it("is the rule table the diff applies", async () => {
    const readme = await readFile(join(import.meta.dirname, "..", "README.md"), "utf8");
    const table = rows(ruleTable());
    const start = rows(readme).indexOf(table[0] as string);
    // On failure, paste the output of ruleTable() into tools/codegen/README.md#diff.
    expect(rows(readme).slice(start, start + table.length)).toEqual(table);
  });
});
