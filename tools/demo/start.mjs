// npm start: mock every provider on loopback from its spec's examples, run the modelfleet CLI against them through
// the <PROVIDER>_BASE_URL variables, and stop the mocks, on success, failure or Ctrl-C alike.
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startMockProvider } from "./mock.mjs";

const PROVIDERS = ["sieve", "modzy", "deepinfra", "opper", "opper-v2", "replicate", "huggingface", "baseten", "together"];
const root = fileURLToPath(new URL("../..", import.meta.url));
const here = fileURLToPath(new URL(".", import.meta.url));
const cliPackage = fileURLToPath(import.meta.resolve("@modelfleet/cli/package.json"));
const cli = join(dirname(cliPackage), JSON.parse(readFileSync(cliPackage, "utf8")).bin.modelfleet);

/** The demo's steps: what a newcomer would type. */
const STEPS = [
  ["providers"],
  ["ls"],
  ["get", "deepinfra:fkj843kjh8"],
  ["scale", "deepinfra:fkj843kjh8", "--min", "1", "--max", "2", "--yes"],
  ["get", "replicate:acme/my-app-image-generator"],
  ["scale", "huggingface:acme-ml/my-endpoint-name", "--min", "2", "--max", "6", "--yes"],
  ["plan", "fleet.yaml"],
  ["apply", "fleet.yaml", "--yes"],
  // What it costs: catalogue prices where the platform has them, the demo's own prices.yaml elsewhere.
  ["cost", "--window", "7d", "--prices", "prices.yaml"],
];
/** Steps whose success is another exit code: plan says "there are changes" with 2, as terraform plan -detailed-exitcode. */
const EXPECTED_CODE = { plan: 2 };

/** The CLI's base URL variable of a provider: `OPPER_V2_BASE_URL` for `opper-v2`. */
function baseUrlVariable(provider) {
  return `${provider.toUpperCase().replaceAll("-", "_")}_BASE_URL`;
}

/** The key variable a spec names (`info.x-modelfleet.envVar`). */
function keyVariable(spec) {
  const name = /^\s+envVar:\s*([A-Z][A-Z0-9_]*)\s*$/m.exec(readFileSync(spec, "utf8"))?.[1];
  if (!name) throw new Error(`${spec} names no envVar under info.x-modelfleet`);
  return name;
}

const mocks = [];
let child;
let stopping;

/** Stops the CLI run in progress and every mock; safe to call more than once. */
function stopAll() {
  stopping ??= (async () => {
    child?.kill("SIGTERM");
    await Promise.allSettled(mocks.map((m) => m.stop()));
  })();
  return stopping;
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.once(signal, () => {
    process.stderr.write(`\n${signal}: stopping the mock providers\n`);
    stopAll().finally(() => process.exit(128 + (signal === "SIGINT" ? 2 : signal === "SIGTERM" ? 15 : 1)));
  });
}

function run(args, env) {
  process.stdout.write(`\n$ modelfleet ${args.join(" ")}\n`);
  return new Promise((resolve, reject) => {
    // stdin is not passed on: the demo never waits for a keyboard (scale gets --yes).
    // In the demo's folder, where its fleet file is.
    child = spawn(process.execPath, [cli, ...args], { env, cwd: here, stdio: ["ignore", "inherit", "inherit"] });
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      child = undefined;
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

async function demo() {
  if (!existsSync(cli)) {
    process.stderr.write("The CLI is not built yet: run `npm run build` first.\n");
    return 1;
  }
  // Hugging Face lists endpoints per namespace; its mock answers any namespace with the spec's example.
  const env = { ...process.env, HF_NAMESPACE: "acme-ml" };
  // Started side by side (each takes a few seconds); every one that started is in `mocks`, so it gets stopped.
  const started = await Promise.allSettled(
    PROVIDERS.map(async (provider) => {
      // Prism takes a few seconds to start, far longer on a busy machine (CI running other suites beside this).
      const spec = join(root, "specs", `${provider}.yaml`);
      const mock = await startMockProvider({ spec, startTimeoutMs: 120_000 });
      mocks.push(mock);
      // Any value will do for a mock; these are not real keys. Opper v3 and v2 share one key variable.
      env[keyVariable(spec)] = `demo-${provider}-key`;
      env[baseUrlVariable(provider)] = mock.url;
    }),
  );
  const failed = started.find((result) => result.status === "rejected");
  if (failed) throw failed.reason;
  process.stdout.write(
    `Prism mocks of specs/*.yaml, answering with the specs' examples: ${PROVIDERS.map((p) => `${p} ${env[baseUrlVariable(p)]}`).join(", ")}\n`,
  );
  let failures = 0;
  for (const step of STEPS) {
    const code = await run(step, env);
    if (code !== (EXPECTED_CODE[step[0]] ?? 0)) {
      process.stderr.write(`modelfleet ${step[0]} exited with ${code}\n`);
      failures++;
    }
  }
  return failures ? 1 : 0;
}

let code = 1;
try {
  code = await demo();
} catch (error) {
  process.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
} finally {
  await stopAll();
}
process.exitCode = code;
