import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // One Prism process per spec starts per run; on a busy 2-core machine that takes tens of seconds.
    testTimeout: 300_000,
  },
});
