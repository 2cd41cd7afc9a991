import { defineConfig } from "tsup";

/** The command line is one executable ESM file; its dependencies stay external and come from node_modules. */
export default defineConfig({
  entry: ["src/cli.ts"],
  format: ["esm"],
  clean: true,
  target: "node20",
  platform: "node",
});
