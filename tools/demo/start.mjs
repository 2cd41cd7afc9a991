// npm start: mock every provider on loopback from its spec's examples, run the modelfleet CLI against them through
// the <PROVIDER>_BASE_URL variables, and stop the mocks, on success, failure or Ctrl-C alike.
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

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
  // Loaded once the build is known to be there (it imports the built modelfleet/all).
  const { PROVIDERS, baseUrlEnvVar, startEveryMock } = await import("./every-mock.mjs");
  // All in one Prism process (a few seconds, more on a busy machine). Progress goes to stderr, so that nobody waits
  // on a silent terminal.
  process.stderr.write(`starting ${PROVIDERS.length} mock providers (one Prism process), a few seconds…\n`);
  let ready = 0;
  const env = {
    ...process.env,
    ...(await startEveryMock(mocks, (provider) => {
      ready += 1;
      process.stderr.write(`  ${provider} mock ready (${ready}/${PROVIDERS.length})\n`);
    })),
  };
  process.stdout.write(
    `Prism mocks of specs/*.yaml, answering with the specs' examples: ${PROVIDERS.map((p) => `${p} ${env[baseUrlEnvVar(p)]}`).join(", ")}\n`,
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
