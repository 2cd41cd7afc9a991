#!/usr/bin/env node
import { main } from "./main.js";

// The process around `main` (built as dist/cli.js): its arguments, working directory, streams and signals. Tests run
// `main` itself in their own process; this file is all that only the binary does.
main(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: process.stdout,
  stderr: process.stderr,
  // `generate --watch` only: it listens before printing anything, so a signal never meets the default handler.
  untilStopped: () =>
    new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    }),
}).then(
  (code) => {
    // exitCode rather than process.exit(): pending writes to a pipe are flushed before the process ends.
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `modelfleet-codegen: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
