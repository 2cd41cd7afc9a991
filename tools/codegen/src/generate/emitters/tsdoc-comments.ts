// openapi-typescript writes a schema's `description` as a JSDoc `@description` tag. TSDoc has no such tag: TypeDoc
// warns about it and editors show it as an unknown tag instead of the symbol's summary. The description is turned
// into the comment's prose here, after the title or summary line openapi-typescript puts first and before any
// tag, so that it is what hovers and the API reference show. Its `@constant` tag (for a `const` schema) is dropped:
// TSDoc and TypeDoc do not know it either, and the literal type already says the value is fixed.

const COMMENT = /\/\*\*[\s\S]*?\*\//g;
const DESCRIPTION = "@description ";
/** openapi-typescript indents a tag's continuation lines by four spaces after the `* `. */
const CONTINUATION = "    ";

/** A comment that is only `@constant`, with the line break and indentation of the line that follows it. */
const CONSTANT_ONLY = /\/\*\* @constant \*\/\n[ \t]*/g;
/** A `@constant` line of a multi-line comment. */
const CONSTANT_LINE = /\n[ \t]*\* @constant(?=\n)/g;

/**
 * Rewrites every `@description` tag in the JSDoc comments of `code` into plain TSDoc prose, and drops every
 * `@constant` tag (a comment holding nothing else goes with it).
 */
export function descriptionsAsProse(code: string): string {
  return code.replace(CONSTANT_ONLY, "").replace(COMMENT, (comment) => {
    const kept = comment.replace(CONSTANT_LINE, "");
    return kept.includes(DESCRIPTION) ? rewrite(kept) : kept;
  });
}

function rewrite(comment: string): string {
  const single = /^\/\*\* @description ([^\n]*) \*\/$/.exec(comment);
  if (single) return `/** ${single[1]} */`;
  const lines = comment.split("\n");
  const first = lines[0];
  const last = lines.at(-1);
  if (lines.length < 3 || first !== "/**" || last === undefined || !/^\s*\*\/$/.test(last)) return comment;
  const indent = last.slice(0, last.indexOf("*"));
  const body = lines.slice(1, -1).map((line) => /^\s*\* ?(.*)$/.exec(line)?.[1] ?? line);
  // Items: a line that is not a continuation starts one.
  const items: string[][] = [];
  for (const line of body) {
    const previous = items.at(-1);
    if (previous && line.startsWith(CONTINUATION)) previous.push(line);
    else items.push([line]);
  }
  const at = items.findIndex((item) => item[0]?.startsWith(DESCRIPTION));
  const found = items[at];
  if (!found) return comment;
  items.splice(at, 1);
  const prose = found.map((line, i) => (i === 0 ? line.slice(DESCRIPTION.length) : line.slice(CONTINUATION.length)));
  const firstTag = items.findIndex((item) => item[0]?.startsWith("@"));
  const insertAt = firstTag === -1 ? items.length : firstTag;
  // A title or summary stays the first paragraph; the description becomes the next one.
  items.splice(insertAt, 0, insertAt > 0 ? ["", ...prose] : prose);
  const out = items.flat().map((line) => (line === "" ? `${indent}*` : `${indent}* ${line}`));
  return [first, ...out, last].join("\n");
}
