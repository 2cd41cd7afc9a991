import { it } from "vitest";
import { healthyRoutes, KEYS, runCli, startFakeProviders } from "./fake-providers.test-helper.js";
it("scratch", async () => {
  const fake = await startFakeProviders(healthyRoutes());
  const env = { ...KEYS, ...fake.baseUrlEnv };
  for (const args of [["cost"], ["cost", "--json"], ["ls", "--cost"]]) {
    const run = await runCli(args, env);
    console.log(args.join(" "), run.code, "\n" + run.stdout + "\n--stderr--\n" + run.stderr);
  }
  await fake.stop();
});
