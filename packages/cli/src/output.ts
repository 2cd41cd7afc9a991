import type { ModelVersion, Scaling, VersionStatus } from "modelfleet/all";
import pc from "picocolors";
import type { OutStream } from "./io.js";
import { escapeControls } from "./text.js";

export { escapeControls, oneLine, toJson } from "./text.js";

/** The colour functions the CLI uses; all identity functions when colour is off. */
export type Colors = ReturnType<typeof pc.createColors>;

/**
 * Whether to colour a stream: never with `NO_COLOR` set to anything non-empty (no-color.org) or `TERM=dumb`;
 * always with `FORCE_COLOR` (other than `0`/`false`); otherwise only on a terminal. picocolors' own default also
 * colours pipes when `CI` is set, which would put escape codes into a CI log parser's input, hence this decision.
 */
export function shouldColor(stream: OutStream, env: Record<string, string | undefined>): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== "" && force !== "0" && force !== "false") return true;
  if (env.TERM === "dumb") return false;
  return stream.isTTY === true;
}

export function colorsFor(stream: OutStream, env: Record<string, string | undefined>): Colors {
  return pc.createColors(shouldColor(stream, env));
}

/**
 * Renders rows as aligned columns (two spaces apart, like kubectl or docker) under an optional bold header, without
 * trailing spaces. Linear in the number of cells: one pass for the widths, one for the lines. Cells may carry the
 * CLI's own colour codes, which take no width; provider text must already be {@link escapeControls escaped}.
 */
export function renderTable(head: readonly string[] | undefined, rows: readonly (readonly string[])[], colors: Colors): string {
  const all = head ? [head.map((h) => colors.bold(h)), ...rows] : rows;
  const widths: number[] = [];
  for (const row of all) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, displayWidth(cell));
    });
  }
  const lines: string[] = [];
  for (const row of all) {
    let line = "";
    row.forEach((cell, i) => {
      line += i === row.length - 1 ? cell : cell + " ".repeat((widths[i] ?? 0) - displayWidth(cell) + 2);
    });
    lines.push(line.trimEnd());
  }
  return lines.join("\n");
}

/** One column of a table: its header, its cell for a row, and whether the cell may be cut short to fit a terminal. */
export interface Column<T> {
  head: string;
  cell: (row: T) => string;
  /** Cut with `…` when the table is wider than the terminal, widest such column first. Only for cells without colour codes. */
  truncate?: boolean;
  /**
   * Left out when the table cannot fit the terminal even with every truncated column at its narrowest (its
   * content is shown elsewhere in the row, e.g. the provider in the reference). Such columns go in their order.
   */
  droppable?: boolean;
}

/** The narrowest a truncated column gets: its header, and at least this many columns. */
const MIN_TRUNCATED = 8;

/**
 * Renders `rows` as a table of `columns`. With `width` (a terminal's), the columns marked `truncate` are cut
 * (widest first, each cell ending in `…`) until the table fits, or until each is down to its header or
 * {@link MIN_TRUNCATED}; without it (a pipe, `--wide`), every cell is whole.
 */
export function renderColumns<T>(all: readonly Column<T>[], rows: readonly T[], colors: Colors, width?: number): string {
  const columns = width !== undefined && width > 0 ? fittingColumns(all, rows, width) : all;
  const cells = rows.map((row) => columns.map((column) => column.cell(row)));
  if (width !== undefined && width > 0) {
    const widths = columns.map((column, i) => Math.max(displayWidth(column.head), ...cells.map((row) => displayWidth(row[i] ?? ""))));
    const floor = columns.map((column) =>
      column.truncate ? Math.max(displayWidth(column.head), MIN_TRUNCATED) : Number.POSITIVE_INFINITY,
    );
    let overflow = widths.reduce((sum, w) => sum + w, 0) + 2 * (columns.length - 1) - width;
    while (overflow > 0) {
      let widest = -1;
      widths.forEach((w, i) => {
        if (w > (floor[i] as number) && (widest < 0 || w > (widths[widest] as number))) widest = i;
      });
      if (widest < 0) break;
      widths[widest] = (widths[widest] as number) - 1;
      overflow--;
    }
    for (const row of cells) {
      for (let i = 0; i < row.length; i++) row[i] = truncate(row[i] as string, widths[i] as number);
    }
  }
  return renderTable(
    columns.map((column) => column.head),
    cells,
    colors,
  );
}

/** `columns` without as many droppable ones (in order) as it takes for the narrowest table to fit `width`. */
function fittingColumns<T>(columns: readonly Column<T>[], rows: readonly T[], width: number): readonly Column<T>[] {
  const narrowest = (column: Column<T>) => {
    const whole = Math.max(displayWidth(column.head), ...rows.map((row) => displayWidth(column.cell(row))));
    return column.truncate ? Math.min(whole, Math.max(displayWidth(column.head), MIN_TRUNCATED)) : whole;
  };
  const kept = [...columns];
  const total = () => kept.reduce((sum, column) => sum + narrowest(column), 0) + 2 * (kept.length - 1);
  for (const column of columns) {
    if (total() <= width) break;
    if (column.droppable) kept.splice(kept.indexOf(column), 1);
  }
  return kept;
}

/**
 * The width to fit a table to: the terminal's when the stream is one (`COLUMNS` when the terminal does not say,
 * else 80); `undefined` for a pipe or a file, whose reader gets every cell whole.
 */
export function terminalWidth(stream: OutStream, env: Record<string, string | undefined>): number | undefined {
  if (stream.isTTY !== true) return undefined;
  const fromEnv = Number.parseInt(env.COLUMNS ?? "", 10);
  return stream.columns || (fromEnv > 0 ? fromEnv : 80);
}

/** `text` cut to `width` terminal columns, its last one `…`, when it is wider. */
export function truncate(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let out = "";
  for (const char of text) {
    if (displayWidth(out + char) > width - 1) break;
    out += char;
  }
  return `${out}…`;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: the CLI's own SGR colour codes are what is skipped
const SGR = /\u001b\[[0-9;]*m/g;
// East Asian wide and fullwidth characters and most emoji take two terminal columns.
const WIDE =
  /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{1f300}-\u{1f64f}\u{1f900}-\u{1f9ff}\u{20000}-\u{3fffd}]/u;
// Combining marks and zero-width characters take none.
const ZERO_WIDTH = /[\p{M}\u200b-\u200f\u2060\ufeff]/u;

/** Columns a cell takes on a terminal: colour codes skipped, wide characters counted twice. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text.includes("\u001b") ? text.replace(SGR, "") : text) {
    width += char.charCodeAt(0) < 0x7f ? 1 : ZERO_WIDTH.test(char) ? 0 : WIDE.test(char) ? 2 : 1;
  }
  return width;
}

const STATUS_COLOR: Record<VersionStatus, keyof Colors | undefined> = {
  ready: "green",
  pending: "yellow",
  building: "yellow",
  deploying: "yellow",
  failed: "red",
  stopped: "dim",
  deleted: "dim",
  unknown: undefined,
};

/** The normalized status, with the provider's own word when it differs (`stopped (inactive)`). */
export function formatStatus(version: ModelVersion, colors: Colors): string {
  const key = STATUS_COLOR[version.status];
  const word = key ? (colors[key] as (s: string) => string)(version.status) : escapeControls(version.status);
  const own = version.providerStatus === null ? null : escapeControls(version.providerStatus);
  return own && own.toLowerCase() !== version.status ? `${word} ${colors.dim(`(${own})`)}` : word;
}

/** `1-4`, `0-?` when the provider left a bound out, `-` without scaling. */
export function formatScaling(scaling: Scaling | null): string {
  if (!scaling) return "-";
  return `${scaling.min ?? "?"}-${scaling.max ?? "?"}`;
}

/** Long hashes and ids shortened for a table, like git's short hashes; `--json` always has the whole value. */
export function formatVersion(version: string): string {
  return escapeControls(version.length > 16 ? `${version.slice(0, 12)}…` : version);
}

export function formatCount(value: number | null): string {
  return value === null ? "-" : String(value);
}

/** UTC to the minute, e.g. `2026-01-31T09:05Z`: short, unambiguous, the same on every machine. */
export function formatDate(date: Date | null): string {
  if (!date || Number.isNaN(date.getTime())) return "-";
  return `${date.toISOString().slice(0, 16)}Z`;
}
