import { defineConfig } from "tsup";

/** The build of every published library package: one entry, ESM and CommonJS, declarations for both. */
export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  target: "es2022",
});
