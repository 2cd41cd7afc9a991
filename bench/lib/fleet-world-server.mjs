// The fake providers of fleet-world.mjs on one loopback server (each under its own path prefix), run as a child
// process: every answer is sent the round-trip time (argv[2], ms) after its request arrived. Reports its port to the
// parent over IPC once it listens.
import { createServer } from "node:http";
import { answer } from "./fleet-world.mjs";

const rttMs = Number(process.argv[2]);
const server = createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  const [, provider = "", ...rest] = url.pathname.split("/");
  req.resume();
  setTimeout(() => {
    // Some specs keep the API version in their paths (`/v2/functions`): the routes leave it out.
    const path = `/${rest.join("/")}`.replace(/^\/v\d+(?=\/)/, "");
    const body = answer(provider, path, url.searchParams, origin);
    const text = JSON.stringify(body ?? { message: `no route for ${url.pathname}` });
    res.writeHead(body === undefined ? 404 : 200, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
    res.end(text);
  }, rttMs);
});
let origin = "";
server.listen(0, "127.0.0.1", () => {
  origin = `http://127.0.0.1:${server.address().port}`;
  process.send?.({ port: server.address().port });
});
// The parent ends this process when it is done; if the parent dies first, the IPC channel closes: stop with it.
process.on("disconnect", () => process.exit(0));
