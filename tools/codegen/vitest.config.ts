import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // These tests do real work: loading TypeScript and openapi-typescript, running git, tsup, tsc and vitest in
    // temporary repositories. On a loaded two-core machine a cold load alone can pass the 5 s default, so the limit
    // only catches hangs.
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
