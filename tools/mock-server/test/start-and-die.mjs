// Used by start.test.ts: starts a mock from the built package in plain Node, prints its PID, then waits to be killed.
import { startMockProvider } from "../dist/index.js";

const mock = await startMockProvider({ spec: process.argv[2] });
process.stdout.write(`${JSON.stringify({ pid: mock.pid, url: mock.url })}\n`);
setInterval(() => {}, 60_000);
