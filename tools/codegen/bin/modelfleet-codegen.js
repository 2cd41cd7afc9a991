#!/usr/bin/env node
// Committed so that it exists when `npm ci` links workspace bins, before anything is built: npm links a bin only if
// its target exists at install time. It loads the build, or says how to make one.
import("../dist/cli.js").catch((error) => {
  if (error?.code !== "ERR_MODULE_NOT_FOUND" || !String(error.message).includes("dist/cli.js")) throw error;
  process.stderr.write("modelfleet-codegen: the command is not built yet; run `npm run build` at the repository root\n");
  process.exitCode = 1;
});
