import { copyFile } from "node:fs/promises";
import { defineConfig, type Options } from "tsup";
import shared from "../../tsup.package.js";

// The shared library build (one entry per exported subpath), plus the fleet file's JSON Schema published beside
// the code as `modelfleet/fleet.schema.json`, so editors can complete fleet files from node_modules.
export default defineConfig({
  ...(shared as Options),
  onSuccess: () => copyFile("src/desired-state/fleet.schema.json", "dist/fleet.schema.json"),
});
