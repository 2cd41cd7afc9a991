// Prism mocks of every registered provider, on loopback, and the environment that points the CLI and the library
// at them. Shared by `npm start` (the demo) and `npm run mocks` (mocks kept up for trying commands and snippets).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { baseUrlEnvVar, PROVIDER_IDS } from "modelfleet/all";
import { startMockProviders } from "./mock.mjs";

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
 * Starts a mock of every provider, all in one Prism process (one load of Prism's modules instead of one per
 * provider), and returns the variables that point at them: each provider's `<PROVIDER>_BASE_URL`, a stand-in key in
 * its key variable, and `HF_NAMESPACE` (Hugging Face lists endpoints per namespace; its mock answers any namespace with
 * the spec's example). The mocks are pushed to `mocks` once they are all up, for the caller to stop (stopping one
 * stops them all); if one spec fails to load, nothing is left running and the error names that spec.
 * `onStarted(provider, url)` is told of each one. There is no time limit: the start waits until Prism listens or exits.
 */
export async function startEveryMock(mocks, onStarted = () => {}) {
  const env = { HF_NAMESPACE: "acme-ml" };
  const specs = PROVIDERS.map((provider) => join(root, "specs", `${provider}.yaml`));
  // Read before starting anything, so that a spec without its key variable costs no Prism start.
  const keys = specs.map(keyVariable);
  const started = await startMockProviders(specs.map((spec) => ({ spec })));
  mocks.push(...started);
  for (const [i, provider] of PROVIDERS.entries()) {
    const url = started[i].url;
    // Any value will do for a mock; these are not real keys. Opper v3 and v2 share one key variable.
    env[keys[i]] = `demo-${provider}-key`;
    env[baseUrlEnvVar(provider)] = url;
    onStarted(provider, url);
  }
  return env;
}

/** The `export NAME=value` lines of `env`, for a POSIX shell (values are URLs and stand-in keys: no quoting needed). */
export function exportLines(env) {
  return Object.entries(env).map(([name, value]) => `export ${name}=${value}`);
}
