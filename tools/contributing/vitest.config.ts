import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // The fixtures are a provider package's source and tests, copied into a scratch repository and run there.
    exclude: ["test/fixtures/**", "**/node_modules/**"],
    // One long case runs builds, type checks, test runs and the package gates one after another. On a loaded
    // two-core machine that can take many times as long as on an idle one, so no step has a time budget: these
    // limits (for every test and hook) only catch a hang.
    testTimeout: 900_000,
    hookTimeout: 900_000,
  },
});
