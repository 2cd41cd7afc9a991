// Stage 5, size: each package's ESM entry bundled with its dependencies (esbuild, minified), then gzipped,
// next to openapi-fetch alone. Reports only; the enforced size budgets live in `npm test`.
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { kb, ratio, table } from "../lib/format.mjs";

export const id = "size";
export const title = "Size";

const ENTRIES = [
  "openapi-fetch",
  "@modelfleet/runtime",
  "@modelfleet/sieve",
  "@modelfleet/modzy",
  "@modelfleet/deepinfra",
  "@modelfleet/opper",
  "modelfleet",
];

async function measure(name) {
  const entry = fileURLToPath(import.meta.resolve(name));
  const out = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: "esm",
    platform: "neutral",
    mainFields: ["module", "main"],
    target: "es2022",
    write: false,
    logLevel: "silent",
  });
  const code = out.outputFiles[0].contents;
  return { entry: name, minified: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

export async function run() {
  const rows = [];
  for (const name of ENTRIES) rows.push(await measure(name));
  const base = rows[0].gzip;
  for (const r of rows) {
    r.ratioToOpenapiFetch = r.gzip / base;
    r.overOpenapiFetchGzip = r.gzip - base;
  }
  return { rows, targets: [] };
}

export function render(r) {
  return [
    ...table(
      ["package entry (dependencies bundled)", "gzip / openapi-fetch", "min+gzip", "over openapi-fetch", "minified"],
      r.rows.map((x) => [
        `\`${x.entry}\``,
        ratio(x.ratioToOpenapiFetch),
        kb(x.gzip),
        x.entry === "openapi-fetch" ? "—" : `+${kb(x.overOpenapiFetchGzip)}`,
        kb(x.minified),
      ]),
    ),
    "",
    "esbuild (pinned in bench/package.json), the package's ESM entry with every dependency bundled, minified, ES2022, platform-neutral; gzip level 9. " +
      "Each generated client includes `@modelfleet/runtime` and openapi-fetch; the facade includes all four clients. Reported only: the enforced budgets are in `npm test`.",
    "",
  ];
}
