// Run by @modelfleet/mock-server's startMockProviders (with watchdog.cjs preloaded): one Node process that loads
// Prism's modules once and serves several documents, one HTTP server each, the way `prism mock <doc> --errors`
// builds its single one (@stoplight/prism-cli dist/util/createServer.js). Loading those modules is most of the
// cost of starting Prism, so N mocks in one process cost about what one costs.
//
// argv[2]: JSON array of { document, port, errors }. Talks to the parent in JSON lines on stdout:
// { i, log } a line for mock i; { i, url } mock i listens there; { i, error } mock i could not be started.
"use strict";
const { createRequire } = require("node:module");
const { PassThrough } = require("node:stream");

// Prism's own packages, resolved from the installed prism-cli so the copies it was built against are used.
const prismRequire = createRequire(require.resolve("@stoplight/prism-cli/package.json"));
const { createLogger } = prismRequire("@stoplight/prism-core");
const { getHttpOperationsFromSpec } = prismRequire("@stoplight/prism-http");
const { createServer } = prismRequire("@stoplight/prism-http-server");

const HOST = "127.0.0.1";
const send = (message) => process.stdout.write(`${JSON.stringify(message)}\n`);

/** A pino logger whose JSON lines become readable lines for mock `i`, like the CLI's `[HTTP SERVER] ...` ones. */
function loggerFor(i) {
  const stream = new PassThrough();
  let pending = "";
  stream.setEncoding("utf8");
  stream.on("data", (chunk) => {
    pending += chunk;
    const parts = pending.split("\n");
    pending = parts.pop();
    for (const part of parts) {
      if (!part) continue;
      let entry;
      try {
        entry = JSON.parse(part);
      } catch {
        send({ i, log: part });
        continue;
      }
      const request = entry.input ? ` ${String(entry.input.method).toUpperCase()} ${entry.input.url?.path ?? ""}` : "";
      send({ i, log: `[${entry.name}]${request} ${entry.level}: ${entry.msg}` });
    }
  });
  // As the CLI's: level names instead of numbers, from info up.
  return createLogger("CLI", { level: "info", formatters: { level: (level) => ({ level }) } }, stream);
}

async function serve(i, { document, port, errors }) {
  const logger = loggerFor(i);
  const operations = await getHttpOperationsFromSpec(document);
  if (operations.length === 0) throw new Error("No operations found in the current file.");
  // What `prism mock` passes: requests and responses validated, security checked, static examples.
  const server = createServer(operations, {
    cors: true,
    config: {
      validateRequest: true,
      validateResponse: true,
      checkSecurity: true,
      errors,
      upstreamProxy: undefined,
      mock: { dynamic: false, ignoreExamples: false, seed: null },
      isProxy: false,
    },
    components: { logger: logger.child({ name: "HTTP SERVER" }) },
  });
  const address = await server.listen(port, HOST);
  // Sent directly, not through the logger, so that the parent has the line before it hears of the URL.
  send({ i, log: `Prism is listening on ${address}` });
  send({ i, url: address });
}

const specs = JSON.parse(process.argv[2]);
specs.forEach((spec, i) => {
  serve(i, spec).catch((error) => send({ i, error: error instanceof Error ? error.message : String(error) }));
});
