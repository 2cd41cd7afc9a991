// Text made safe for a terminal and for JSON readers. Apart from `output.ts` (which loads the colour library), so
// that what every run loads before its arguments are read stays small.

// biome-ignore lint/suspicious/noControlCharactersInRegex: escaping control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
const NAMED: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/**
 * Text from a provider or an error, made safe for a terminal: C0 and C1 control characters and DEL become visible
 * escapes (`\x1b`, `\n`), so an escape sequence in a model name cannot recolour, move the cursor or clear the screen.
 */
export function escapeControls(text: string): string {
  return text.replace(CONTROL, (c) => NAMED[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}

// JSON.stringify escapes C0 but leaves DEL and C1 as they are, and a terminal acts on C1 (U+009B is CSI).
const JSON_UNSAFE = /[\u007f-\u009f\u2028\u2029]/g;

/** Pretty JSON with a trailing newline, for `--json`; DEL and C1 characters as `\u` escapes, so still the same JSON. */
export function toJson(value: unknown): string {
  const text = JSON.stringify(value, null, 2).replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return `${text}\n`;
}

/** A message on one line (the CLI promises one line per error), its control characters escaped. */
export function oneLine(text: string): string {
  return escapeControls(text.replace(/\s*[\r\n]+\s*/g, " ").trim());
}
