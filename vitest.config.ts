import { defineConfig } from "vitest/config";

/**
 * The test settings every package shares. `vitest run` in a package with no config of its own finds this file (vitest
 * looks for a config upward from the working directory); a package with its own config merges it (`mergeConfig`).
 */
export default defineConfig({
  test: {
    // Test files share each worker's loaded modules instead of loading everything again per file: a provider's
    // suite takes about two thirds of the CPU time (the runtime's and the facade's under half). Tests leave no global
    // state behind (environment variables are restored, servers closed), which is what makes sharing safe.
    isolate: false,
    // Contract tests start a mock server and property tests run many cases on a shared two-core machine: no test has
    // a time budget, and these limits (for tests and hooks) only catch a hang. Long cases say so in their name.
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
