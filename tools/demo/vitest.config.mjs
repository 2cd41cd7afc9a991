import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // One Prism process per spec starts per run, waited for until it answers: seconds on an idle machine, minutes on a
    // busy 2-core one (two minutes measured at a load average of 30). These limits only catch a hang.
    testTimeout: 900_000,
    hookTimeout: 900_000,
  },
});
