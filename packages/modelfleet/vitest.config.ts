import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // The desired-state tests start loopback servers, and the property tests run many cases, on a shared 2-core
    // machine; the default 5 s would fail a slow machine, not wrong code. This only catches hangs.
    testTimeout: 60_000,
  },
});
