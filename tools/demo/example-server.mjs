// A loopback mock of one provider, answering every operation of its OpenAPI document with that operation's own
// 2xx example. A stand-in with the same API as @modelfleet/mock-server's startMockProvider, so the demo can move
// to the Prism-based mock by changing the one import in mock.mjs.
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { parse } from "yaml";

const METHODS = ["get", "put", "post", "delete", "patch"];

/**
 * Starts the mock on 127.0.0.1 (`port` 0 picks a free one). Like Prism, it answers 401 when the credentials of the
 * spec's security scheme are missing (any value is accepted) and 404 for a path the spec does not have.
 * @param {{ spec: string, port?: number }} options
 * @returns {Promise<{ url: string, port: number, stop(): Promise<void> }>}
 */
export async function startMockProvider({ spec, port = 0 }) {
  const doc = parse(await readFile(spec, "utf8"));
  const routes = compileRoutes(doc);
  const hasCredentials = credentialCheck(doc);
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    const method = (request.method ?? "GET").toLowerCase();
    // Drain the body: the answer never depends on it, but the socket must be read to be reused.
    request.resume();
    const reply = (status, body) => {
      const headers = { "x-request-id": `mock-${Math.random().toString(16).slice(2, 10)}` };
      if (body === undefined) return response.writeHead(status, headers).end();
      response.writeHead(status, { ...headers, "content-type": "application/json" }).end(JSON.stringify(body));
    };
    const route = routes.find((r) => r.method === method && r.pattern.test(url.pathname));
    if (!route) return reply(404, { message: `no operation for ${method.toUpperCase()} ${url.pathname} in the spec` });
    if (!hasCredentials(request.headers)) return reply(401, { message: "missing credentials" });
    reply(route.status, route.example);
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  const bound = /** @type {import("node:net").AddressInfo} */ (server.address()).port;
  return {
    url: `http://127.0.0.1:${bound}`,
    port: bound,
    stop: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** One route per operation, literal paths first (`/functions/by-name/{name}` before `/functions/{id}`). */
function compileRoutes(doc) {
  const routes = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const [status, response] = Object.entries(operation.responses ?? {}).find(([code]) => /^2\d\d$/.test(code)) ?? ["200", {}];
      const pattern = new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "[^/]+")}/?$`);
      const literals = path.split("/").filter((part) => part && !part.startsWith("{")).length;
      routes.push({ method, pattern, literals, status: Number(status), example: exampleOf(doc, deref(doc, response)) });
    }
  }
  return routes.sort((a, b) => b.literals - a.literals);
}

/** The response's JSON example: `example`, else the first of `examples`; `undefined` for a response without a body. */
function exampleOf(doc, response) {
  const media = response?.content?.["application/json"] ?? Object.values(response?.content ?? {})[0];
  if (!media) return undefined;
  if (media.example !== undefined) return media.example;
  const first = Object.values(media.examples ?? {})[0];
  return first === undefined ? undefined : deref(doc, first).value;
}

function deref(doc, node) {
  let current = node;
  for (let depth = 0; current && typeof current.$ref === "string" && depth < 10; depth++) {
    current = current.$ref
      .replace(/^#\//, "")
      .split("/")
      .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
      .reduce((value, key) => value?.[key], doc);
  }
  return current;
}

/** Whether a request carries the credentials of the spec's (first) security scheme; values are not checked. */
function credentialCheck(doc) {
  const scheme = Object.values(doc.components?.securitySchemes ?? {})[0];
  if (!scheme) return () => true;
  if (scheme.type === "apiKey" && scheme.in === "header") {
    const name = scheme.name.toLowerCase();
    return (headers) => typeof headers[name] === "string" && headers[name] !== "";
  }
  if (scheme.type === "http") {
    const prefix = `${scheme.scheme.toLowerCase()} `;
    return (headers) => typeof headers.authorization === "string" && headers.authorization.toLowerCase().startsWith(prefix);
  }
  return () => true;
}
