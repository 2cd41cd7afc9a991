#!/usr/bin/env node
import { main } from "./main.js";

// `modelfleet ls | head -1`: the reader left, so there is nobody to write to; end quietly instead of crashing.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
}

// exitCode rather than process.exit(): pending writes to a pipe are flushed before the process ends.
process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
});
