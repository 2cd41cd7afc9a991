import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/main.ts"],
  format: ["esm"],
  clean: true,
  target: "node20",
  // Resolved from the repository's node_modules at run time: verdaccio and typescript are started as programs.
  external: ["@modelfleet/package-checks"],
});
