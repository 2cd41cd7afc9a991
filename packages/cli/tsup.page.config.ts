import { defineConfig } from "tsup";

/**
 * The `modelfleet ui` page: one minified script for the browser, plus its HTML, stylesheet and icon copied as they
 * are, all into dist/ui/ where the server reads them. Built after the CLI (whose build cleans dist/), so nothing
 * races; shipped in the package, so the page works offline.
 */
export default defineConfig({
  entry: { app: "src/ui/page/main.ts" },
  outDir: "dist/ui",
  format: ["iife"],
  platform: "browser",
  target: "es2022",
  minify: true,
  clean: false,
  publicDir: "src/ui/page/static",
  outExtension: () => ({ js: ".js" }),
});
