/** The repository's Biome line width (biome.json `formatter.lineWidth`). */
const LINE_WIDTH = 140;

/**
 * JSON as the repository's formatter (Biome) writes it, so a scaffolded `turbo.json` or `tsconfig.json` passes
 * `biome check` as written: objects one key a line, an array of plain values on one line when it fits (as
 * `JSON.stringify(…, null, 2)` would not), two spaces, a final newline. `package.json` is not written with it: Biome
 * formats that file like npm does, every array expanded.
 */
export function formatJson(value: unknown): string {
  return `${format(value, 0, 0)}\n`;
}

function format(value: unknown, indent: number, used: number): string {
  const pad = " ".repeat(indent + 2);
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    if (value.every((item) => item === null || typeof item !== "object")) {
      const inline = `[${value.map((item) => JSON.stringify(item)).join(", ")}]`;
      if (used + inline.length <= LINE_WIDTH) return inline;
    }
    return `[\n${value.map((item) => `${pad}${format(item, indent + 2, pad.length)}`).join(",\n")}\n${" ".repeat(indent)}]`;
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).filter(([, item]) => item !== undefined);
    if (entries.length === 0) return "{}";
    const lines = entries.map(([key, item]) => {
      const head = `${pad}${JSON.stringify(key)}: `;
      return `${head}${format(item, indent + 2, head.length)}`;
    });
    return `{\n${lines.join(",\n")}\n${" ".repeat(indent)}}`;
  }
  return JSON.stringify(value);
}
