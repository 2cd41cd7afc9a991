import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts", "src/check-package.ts", "src/size-report.ts"],
  format: ["esm"],
  dts: { entry: "src/index.ts" },
  clean: true,
  target: "node20",
  // Run from the repository's node_modules, never bundled into anything.
  external: ["esbuild", "publint", "typescript"],
});
