import { defineConfig } from "tsup";

// Only the fake-HTTP kit is built: the benchmark is plain JavaScript run by Node and imports it from dist/.
// Everything else is imported as TypeScript source by the tests.
export default defineConfig({
  entry: ["src/fake-http.ts"],
  format: ["esm"],
  clean: true,
  target: "node20",
});
