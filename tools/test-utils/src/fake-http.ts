/**
 * One fake-HTTP kit for every loopback server the tests, the end-to-end run and the benchmark start: a server on
 * 127.0.0.1 (a free port) that records each request and answers through a {@link Handler}, a {@link router} that
 * picks a handler by `METHOD /path`, {@link sequence} for answers that change from one request to the next, and
 * handlers for the usual faults. It goes through the real network stack, so the platform's `fetch` is tested as is.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** A request as the server saw it, body read to the end. */
export interface ServedRequest {
  method: string;
  /** Path and query, as sent (still percent-encoded). */
  url: string;
  /** The path alone. */
  path: string;
  headers: IncomingHttpHeaders;
  /** The full request body as text ("" without one). */
  body: string;
  /** This request's position among all requests the server got, from 1. */
  index: number;
}

/** Answers one request; may answer late, partly, or never. */
export type Handler = (seen: ServedRequest, res: ServerResponse, req: IncomingMessage) => void;

export interface FakeServer {
  /** `http://127.0.0.1:<port>`. */
  readonly baseUrl: string;
  readonly port: number;
  /** Every request so far, in order (unless started with `record: false`). */
  readonly requests: ServedRequest[];
  /** Replaces the handler for the requests to come. */
  handle(handler: Handler): void;
  /** Ends open connections and stops the server. */
  close(): Promise<void>;
}

/**
 * Starts a server on 127.0.0.1 answering with `handler` (until {@link FakeServer.handle} replaces it). With
 * `record: false` requests are not kept (a benchmark sends hundreds of thousands).
 */
export async function startFakeServer(handler: Handler = notScripted, options: { record?: boolean } = {}): Promise<FakeServer> {
  const record = options.record ?? true;
  const requests: ServedRequest[] = [];
  let count = 0;
  const sockets = new Set<Socket>();
  let current = handler;

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const url = req.url ?? "/";
      const seen: ServedRequest = {
        method: req.method ?? "",
        url,
        path: url.split("?")[0] ?? url,
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        index: ++count,
      };
      if (record) requests.push(seen);
      current(seen, res, req);
    });
  });
  server.keepAliveTimeout = 60_000;
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    port,
    requests,
    handle(next) {
      current = next;
    },
    close() {
      for (const socket of sockets) socket.destroy();
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

const notScripted: Handler = (_seen, res) => {
  res.writeHead(599, { "content-type": "text/plain" }).end("fake server: no handler");
};

/** Picks a handler by `"METHOD /path"` (the path without its query); anything else goes to `fallback`. */
export function router(routes: Record<string, Handler>, fallback: Handler = reply(404, { error: "not found" })): Handler {
  const table = new Map(Object.entries(routes));
  return (seen, res, req) => (table.get(`${seen.method} ${seen.path}`) ?? fallback)(seen, res, req);
}

/** Answers the first request with the first handler, the second with the second, and so on; the last repeats. */
export function sequence(...handlers: Handler[]): Handler {
  let count = 0;
  return (seen, res, req) => {
    const handler = handlers[Math.min(count++, handlers.length - 1)] ?? notScripted;
    handler(seen, res, req);
  };
}

/** Answers at once with a status, a body and headers: JSON unless the body is a string or bytes. */
export function reply(status: number, body: unknown = {}, headers: Record<string, string | number> = {}): Handler {
  const raw = typeof body === "string" || body instanceof Uint8Array;
  const payload = raw ? body : JSON.stringify(body);
  return (_seen, res) => {
    res.writeHead(status, { "content-type": raw ? "text/plain" : "application/json", ...headers });
    res.end(payload);
  };
}

/** Reads the request and never answers (until the client gives up or the server closes). */
export const hang: Handler = () => {};

/** Sends the headers and part of a declared-longer body, then destroys the socket. */
export const resetMidBody: Handler = (_seen, res) => {
  res.writeHead(200, { "content-type": "application/json", "content-length": "100" });
  res.write('{"partial":', () => setTimeout(() => res.socket?.destroy(), 5));
};

/** Sends the headers at once, then one small chunk every `everyMs` for `chunks` chunks. */
export function trickle(everyMs: number, chunks: number): Handler {
  return (_seen, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.flushHeaders();
    res.write("[");
    let sent = 0;
    const timer = setInterval(() => {
      sent++;
      if (sent >= chunks) {
        clearInterval(timer);
        res.end("0]");
      } else {
        res.write("0,");
      }
    }, everyMs);
    res.on("close", () => clearInterval(timer));
  };
}

/**
 * Answers with `status` and streams `totalBytes` of spaces in 64 KiB chunks, respecting backpressure, and stops
 * when the client goes away; so a test can send far more than it would want to hold in memory.
 */
export function stream(totalBytes: number, status = 200): Handler {
  return (_seen, res) => {
    res.writeHead(status, { "content-type": "application/json" });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let left = totalBytes;
    const pump = () => {
      while (left > 0 && !res.destroyed) {
        const next = left >= chunk.length ? chunk : chunk.subarray(0, left);
        left -= next.length;
        if (!res.write(next)) return void res.once("drain", pump);
      }
      if (left <= 0) res.end();
    };
    res.on("close", () => {
      left = 0;
    });
    pump();
  };
}
