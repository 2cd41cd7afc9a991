import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Four Prism processes start per run; on a busy 2-core machine that takes tens of seconds.
    testTimeout: 300_000,
  },
});
