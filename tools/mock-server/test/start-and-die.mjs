// Used by the tests of start.ts and start-many.ts: starts mocks from the built package in plain Node (one spec:
// startMockProvider; several: startMockProviders, one process), prints their PID and URLs, then waits to be killed.
import { startMockProvider, startMockProviders } from "../dist/index.js";

const specs = process.argv.slice(2);
const mocks =
  specs.length === 1 ? [await startMockProvider({ spec: specs[0] })] : await startMockProviders(specs.map((spec) => ({ spec })));
process.stdout.write(`${JSON.stringify({ pid: mocks[0].pid, url: mocks[0].url, urls: mocks.map((mock) => mock.url) })}\n`);
setInterval(() => {}, 60_000);
