// npm run mocks: a Prism mock of every provider on loopback, kept up until Ctrl-C, with the `export` lines that point
// the CLI and the library (`createFleet()` from modelfleet/all) at them. Paste the lines into another shell, then
// try `modelfleet ls` or a README snippet there.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const built = fileURLToPath(new URL("../../packages/modelfleet/dist/all.js", import.meta.url));
if (!existsSync(built)) {
  process.stderr.write("modelfleet is not built yet: run `npm run build` first.\n");
  process.exit(1);
}
const { exportLines, PROVIDERS, startEveryMock } = await import("./every-mock.mjs");

const mocks = [];
let stopping;
function stopAll() {
  stopping ??= Promise.allSettled(mocks.map((m) => m.stop()));
  return stopping;
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.once(signal, () => {
    process.stderr.write(`\n${signal}: stopping the mock providers\n`);
    stopAll().finally(() => process.exit(0));
  });
}

process.stderr.write(`Starting a Prism mock of each of ${PROVIDERS.length} providers (seconds, more on a busy machine)…\n`);
try {
  const env = await startEveryMock(mocks, (provider, url) => process.stderr.write(`  ${provider} ${url}\n`));
  process.stdout.write(`${exportLines(env).join("\n")}\n`);
  process.stderr.write(
    "The mocks answer with the specs' examples (writes are accepted, reads stay the same). Paste the export lines above into another shell; Ctrl-C here stops the mocks.\n",
  );
} catch (error) {
  process.stderr.write(`mocks failed: ${error instanceof Error ? error.message : String(error)}\n`);
  await stopAll();
  process.exitCode = 1;
}
