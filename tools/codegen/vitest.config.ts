import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // These tests do real work: loading TypeScript and openapi-typescript, running git, tsup, tsc, Biome and vitest
    // in temporary repositories. On a loaded two-core machine that can take many times as long as on an idle one, so
    // no test has a time budget of its own: these limits (one for every test and hook) only catch a hang.
    testTimeout: 600_000,
    hookTimeout: 600_000,
    // Two test files at a time even on two cores (the default leaves one core to the runner): most of each test's
    // time is spent in the child processes it waits for, and this suite is the longest task of `npm test`.
    maxWorkers: 2,
  },
});
