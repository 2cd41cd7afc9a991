import Table from "cli-table3";
import type { ModelVersion, Scaling, VersionStatus } from "modelfleet/all";
import pc from "picocolors";
import type { OutStream } from "./io.js";

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

// Borderless, like kubectl or docker: columns separated by two spaces, easy to read and to grep.
const PLAIN_CHARS = {
  top: "",
  "top-mid": "",
  "top-left": "",
  "top-right": "",
  bottom: "",
  "bottom-mid": "",
  "bottom-left": "",
  "bottom-right": "",
  left: "",
  "left-mid": "",
  mid: "",
  "mid-mid": "",
  right: "",
  "right-mid": "",
  middle: "  ",
};

/** Renders rows as aligned columns under an optional header, without trailing spaces. */
export function renderTable(head: readonly string[] | undefined, rows: readonly (readonly string[])[], colors: Colors): string {
  const table = new Table({
    ...(head ? { head: head.map((h) => colors.bold(h)) } : {}),
    chars: PLAIN_CHARS,
    style: { head: [], border: [], "padding-left": 0, "padding-right": 0 },
  });
  table.push(...rows.map((row) => [...row]));
  return table
    .toString()
    .split("\n")
    .map((line) => line.trimEnd())
    .join("\n");
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
  const word = key ? (colors[key] as (s: string) => string)(version.status) : version.status;
  const own = version.providerStatus;
  return own && own.toLowerCase() !== version.status ? `${word} ${colors.dim(`(${own})`)}` : word;
}

/** `1-4`, `0-?` when the provider left a bound out, `-` without scaling. */
export function formatScaling(scaling: Scaling | null): string {
  if (!scaling) return "-";
  return `${scaling.min ?? "?"}-${scaling.max ?? "?"}`;
}

/** Long hashes and ids shortened for a table, like git's short hashes; `--json` always has the whole value. */
export function formatVersion(version: string): string {
  return version.length > 16 ? `${version.slice(0, 12)}…` : version;
}

export function formatCount(value: number | null): string {
  return value === null ? "-" : String(value);
}

/** UTC to the minute, e.g. `2026-01-31T09:05Z`: short, unambiguous, the same on every machine. */
export function formatDate(date: Date | null): string {
  if (!date || Number.isNaN(date.getTime())) return "-";
  return `${date.toISOString().slice(0, 16)}Z`;
}

/** Pretty JSON with a trailing newline, for `--json`. */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** A message on one line: the CLI promises one line per error. */
export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, " ").trim();
}
