import { defineConfig } from "tsup";

export default defineConfig({
  entry: { cli: "src/cli/bin.ts", index: "src/index.ts", openapi: "src/openapi/index.ts" },
  format: ["esm"],
  dts: { entry: { index: "src/index.ts", openapi: "src/openapi/index.ts" } },
  clean: true,
  target: "node20",
  // The generator's dependencies stay external: it runs from node_modules, never in a browser.
  external: ["@redocly/openapi-core", "openapi-typescript", "typescript", "yaml"],
});
