import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/**
 * The JavaScript file behind the `prism` command of the installed `@stoplight/prism-cli`, found through Node's
 * module resolution (the same copy `node_modules/.bin/prism` links to). Running it with `node` directly makes the
 * spawned process Prism itself: stopping that PID stops the server, which is not true of `npx prism`, whose
 * wrapper process can die while the real server keeps running.
 */
export function prismEntry(): string {
  const require = createRequire(import.meta.url);
  const manifestPath = require.resolve("@stoplight/prism-cli/package.json");
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { bin?: string | Record<string, string> };
  const bin = typeof manifest.bin === "string" ? manifest.bin : manifest.bin?.prism;
  if (!bin) throw new Error(`@stoplight/prism-cli at ${dirname(manifestPath)} declares no "prism" bin`);
  return join(dirname(manifestPath), bin);
}
