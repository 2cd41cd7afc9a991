import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // These tests start npm itself, which takes seconds on a busy machine: the limit only catches a hang.
    testTimeout: 60_000,
  },
});
