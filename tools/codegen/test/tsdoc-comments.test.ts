import { describe, expect, it } from "vitest";
import { descriptionsAsProse } from "../src/generate/emitters/tsdoc-comments.js";

describe("descriptionsAsProse", () => {
  it("turns a one-line @description comment into the summary", () => {
    expect(descriptionsAsProse("    /** @description The id. */\n    id: string;")).toBe("    /** The id. */\n    id: string;");
  });

  it("keeps a summary first and makes the description the next paragraph, before any tag", () => {
    const code = [
      "        /**",
      "         * List models",
      "         * @description Returns one page.",
      "         *     A second line.",
      "         * @example 3",
      "         */",
    ].join("\n");
    expect(descriptionsAsProse(code)).toBe(
      [
        "        /**",
        "         * List models",
        "         *",
        "         * Returns one page.",
        "         * A second line.",
        "         * @example 3",
        "         */",
      ].join("\n"),
    );
  });

  it("moves the description before @deprecated, which would otherwise take it as its message", () => {
    const code = ["/**", " * Format: uuid", " * @deprecated", " * @description Old id.", " * @default x", " */"].join("\n");
    expect(descriptionsAsProse(code)).toBe(
      ["/**", " * Format: uuid", " *", " * Old id.", " * @deprecated", " * @default x", " */"].join("\n"),
    );
  });

  it("starts with the description when nothing comes before it", () => {
    const code = ["  /**", "   * @description Whether calls are traced.", "   * @default true", "   */"].join("\n");
    expect(descriptionsAsProse(code)).toBe(["  /**", "   * Whether calls are traced.", "   * @default true", "   */"].join("\n"));
  });

  it("leaves comments without @description and the code around them alone", () => {
    const code = '/** @example 1 */\nconst a = "@description x";\n/**\n * Summary\n */';
    expect(descriptionsAsProse(code)).toBe(code);
  });

  it("drops openapi-typescript's @constant tag, and a comment holding nothing else", () => {
    const code = [
      "        A: {",
      "            /** @constant */",
      '            o: "list";',
      "            /**",
      "             * @description Always x.",
      "             * @constant",
      "             */",
      '            p: "x";',
      "        };",
    ].join("\n");
    expect(descriptionsAsProse(code)).toBe(
      [
        "        A: {",
        '            o: "list";',
        "            /**",
        "             * Always x.",
        "             */",
        '            p: "x";',
        "        };",
      ].join("\n"),
    );
  });
});
