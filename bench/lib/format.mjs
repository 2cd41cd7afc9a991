// Markdown formatting for results.md.

/** A markdown table; cells are stringified as given. */
export function table(headers, rows) {
  return [`| ${headers.join(" | ")} |`, `|${headers.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)];
}

export const ratio = (x) => (Number.isFinite(x) ? `${x.toFixed(2)}×` : "n/a");
export const pct = (x) => (Number.isFinite(x) ? `${(x * 100).toFixed(1)} %` : "n/a");
export const secs = (ms) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(2)} s` : "n/a");
export const int = (x) => (Number.isFinite(x) ? Math.round(x).toLocaleString("en-US") : "n/a");
export const kb = (bytes) => (Number.isFinite(bytes) ? `${(bytes / 1024).toFixed(1)} kB` : "n/a");
export const mb = (bytes) => (Number.isFinite(bytes) ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : "n/a");

/** "MET", "MISSED", or "not measured" for a target result. */
export function verdict(met) {
  if (met === true) return "**MET**";
  if (met === false) return "**MISSED**";
  return "not measured";
}
