import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Each test starts the CLI as a child process (and some a pseudo-terminal) on a shared 2-core machine;
    // the default 5 s would fail a slow machine, not a wrong CLI.
    testTimeout: 60_000,
  },
});
