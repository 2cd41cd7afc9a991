import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Each test starts the CLI as a child process (and some a pseudo-terminal) on a shared 2-core machine;
    // the default 5 s would fail a slow machine, not a wrong CLI.
    // No test has a time budget: this limit (for tests and hooks) only catches a hang, never a slow machine.
    // Long cases say so in their name (`[long]`).
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
