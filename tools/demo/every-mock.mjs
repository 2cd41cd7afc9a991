// Prism mocks of every registered provider, on loopback, and the environment that points the CLI and the library
// at them. Shared by `npm start` (the demo) and `npm run mocks` (mocks kept up for trying commands and snippets).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { baseUrlEnvVar, PROVIDER_IDS } from "modelfleet/all";
import { startMockProvider } from "./mock.mjs";

export { baseUrlEnvVar };

/** Every registered provider, in the registry's order (`modelfleet/all`): adding one there adds its mock here. */
export const PROVIDERS = PROVIDER_IDS;
const root = fileURLToPath(new URL("../..", import.meta.url));

/** The key variable a spec names (`info.x-modelfleet.envVar`). */
function keyVariable(spec) {
  const name = /^\s+envVar:\s*([A-Z][A-Z0-9_]*)\s*$/m.exec(readFileSync(spec, "utf8"))?.[1];
  if (!name) throw new Error(`${spec} names no envVar under info.x-modelfleet`);
  return name;
}

/**
 * Starts one mock per provider, side by side, and returns the variables that point at them: each provider's
 * `<PROVIDER>_BASE_URL`, a stand-in key in its key variable, and `HF_NAMESPACE` (Hugging Face lists endpoints per
 * namespace; its mock answers any namespace with the spec's example). Every mock that started is pushed to `mocks`
 * as soon as it is up, so a caller can stop them even when another one failed (the first failure is thrown).
 * `onStarted(provider, url)` is told of each one. There is no time limit: each waits until Prism listens or exits.
 */
export async function startEveryMock(mocks, onStarted = () => {}) {
  const env = { HF_NAMESPACE: "acme-ml" };
  const started = await Promise.allSettled(
    PROVIDERS.map(async (provider) => {
      const spec = join(root, "specs", `${provider}.yaml`);
      const mock = await startMockProvider({ spec, startTimeoutMs: Number.POSITIVE_INFINITY });
      mocks.push(mock);
      // Any value will do for a mock; these are not real keys. Opper v3 and v2 share one key variable.
      env[keyVariable(spec)] = `demo-${provider}-key`;
      env[baseUrlEnvVar(provider)] = mock.url;
      onStarted(provider, mock.url);
    }),
  );
  const failed = started.find((result) => result.status === "rejected");
  if (failed) throw failed.reason;
  return env;
}

/** The `export NAME=value` lines of `env`, for a POSIX shell (values are URLs and stand-in keys: no quoting needed). */
export function exportLines(env) {
  return Object.entries(env).map(([name, value]) => `export ${name}=${value}`);
}
