#!/usr/bin/env node
import { main } from "./main.js";

// exitCode rather than process.exit(): pending writes to a pipe are flushed before the process ends.
process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
});
