import { strict as assert } from "node:assert";
import { exec } from "./exec.js";

/** The repository's own commands, as the README runs them after `npm ci && npm run build`. */
const BINS = [
  { name: "modelfleet-codegen", expect: "usage: modelfleet-codegen" },
  { name: "modelfleet", expect: "usage: modelfleet <" },
] as const;

/**
 * Runs each workspace bin's `--help` through `npx --no-install` in a checkout that was installed before it was built.
 * npm links a workspace bin at install time only when its target exists, so this fails if a bin points into `dist/`.
 */
export async function checkWorkspaceBins(checkout: string, env: NodeJS.ProcessEnv): Promise<string> {
  const seen: string[] = [];
  for (const bin of BINS) {
    const { stdout } = await exec("npx", ["--no-install", bin.name, "--help"], { cwd: checkout, env });
    assert.ok(stdout.includes(bin.expect), `\`npx ${bin.name} --help\` printed no usage:\n${stdout}`);
    seen.push(bin.name);
  }
  return seen.join(", ");
}
