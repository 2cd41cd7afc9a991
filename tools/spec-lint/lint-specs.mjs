#!/usr/bin/env node
// `npm run lint:specs`: Redocly's lint (redocly.yaml) over our own specs in specs/, YAML or JSON. An imported vendor
// document (the file a `<id>.modelfleet.yaml` sidecar names) and the sidecars themselves are not ours to lint: their
// problems are reported as warnings by `modelfleet-codegen generate`.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { findRemoteRefs } from "./remote-refs.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const names = readdirSync(join(root, "specs"))
  .filter((name) => /\.(ya?ml|json)$/.test(name))
  .sort();
const sidecars = names.filter((name) => name.endsWith(".modelfleet.yaml"));
const vendored = new Set(sidecars.map((name) => /^spec:\s*["']?([^"'\s#]+)/m.exec(readFileSync(join(root, "specs", name), "utf8"))?.[1]));
const ours = names.filter((name) => !sidecars.includes(name) && !vendored.has(name)).map((name) => `specs/${name}`);
if (ours.length === 0) {
  process.stdout.write("lint:specs: no specs of our own in specs/\n");
  process.exit(0);
}
const remote = findRemoteRefs(ours, root);
if (remote.length > 0) {
  for (const { file, pointer, ref } of remote) {
    process.stderr.write(
      `${file} ${pointer}: $ref ${JSON.stringify(ref)} points outside the repository; lint:specs never fetches anything\n`,
    );
  }
  process.stderr.write("Copy the schema into the spec (or a file under specs/shared/) and use a relative or #/components/... ref.\n");
  process.exit(1);
}
const cli = join(dirname(createRequire(import.meta.url).resolve("@redocly/cli/package.json")), "bin", "cli.js");
const run = spawnSync(process.execPath, [cli, "lint", ...ours, ...process.argv.slice(2)], { cwd: root, stdio: "inherit" });
process.exitCode = run.status ?? 1;
