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
  "@modelfleet/opper-v2",
  "modelfleet",
];

// What an app using the facade bundles: `createFleet` with one provider's fleet adapter, and every built-in provider.
const FLEETS = [
  {
    entry: "createFleet + @modelfleet/deepinfra/fleet",
    contents: 'export { createFleet } from "modelfleet"; export { deepinfra } from "@modelfleet/deepinfra/fleet";',
  },
  { entry: "modelfleet/all", contents: 'export * from "modelfleet/all";' },
];

async function measure(name, contents) {
  const input = contents
    ? { stdin: { contents, resolveDir: fileURLToPath(new URL("..", import.meta.url)), loader: "js" } }
    : { entryPoints: [fileURLToPath(import.meta.resolve(name))] };
  const out = await build({
    ...input,
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
  for (const { entry, contents } of FLEETS) rows.push(await measure(entry, contents));
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
      "Each generated client includes `@modelfleet/runtime` and openapi-fetch. The facade (`modelfleet`) includes no provider: " +
      "`createFleet + @modelfleet/deepinfra/fleet` is what an app using one provider bundles, `modelfleet/all` every built-in provider. Reported only: the enforced budgets are in `npm test`.",
    "",
  ];
}
