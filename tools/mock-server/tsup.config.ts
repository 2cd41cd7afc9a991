import { defineConfig } from "tsup";

// ESM only: the package locates Prism and its watchdog through import.meta.url, and runs only under Node.
export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm"],
  dts: true,
  clean: true,
  target: "node20",
  external: ["@modelfleet/codegen", "@stoplight/prism-cli", "yaml"],
});
