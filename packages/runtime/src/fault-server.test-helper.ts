/**
 * A test-owned HTTP server on 127.0.0.1 whose behaviour is scripted per request, for fault-injection tests
 * that go through the real global `fetch`. Imported only by transport.faults.test.ts.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** A request as the server saw it, body read to the end. */
export interface ServedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  /** The full request body as text ("" without one). */
  body: string;
}

/** Answers one request; may answer late, partly, or never. */
export type Handler = (req: IncomingMessage, res: ServerResponse, seen: ServedRequest) => void;

export interface FaultServer {
  readonly baseUrl: string;
  readonly requests: ServedRequest[];
  /** Sets the handlers for the next requests, in order; the last one repeats. */
  script(...handlers: Handler[]): void;
  close(): Promise<void>;
}

export async function startFaultServer(): Promise<FaultServer> {
  const requests: ServedRequest[] = [];
  let handlers: Handler[] = [];
  const sockets = new Set<Socket>();

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const seen: ServedRequest = {
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      requests.push(seen);
      const handler = handlers[Math.min(requests.length - 1, handlers.length - 1)];
      if (handler === undefined) {
        res.writeHead(599, { "content-type": "text/plain" }).end("fault server: no handler scripted");
        return;
      }
      handler(req, res, seen);
    });
  });
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
    requests,
    script(...next: Handler[]) {
      handlers = next;
    },
    close() {
      for (const socket of sockets) socket.destroy();
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

/** Answers at once with a status, a body and headers (JSON when the body is not a string). */
export function reply(status: number, body: unknown = {}, headers: Record<string, string> = {}): Handler {
  const isText = typeof body === "string";
  const payload = isText ? body : JSON.stringify(body);
  return (_req, res) => {
    res.writeHead(status, { "content-type": isText ? "text/plain" : "application/json", ...headers });
    res.end(payload);
  };
}

/** Reads the request and never answers (until the client gives up or the server closes). */
export const hang: Handler = () => {};

/** Sends the headers and part of a declared-longer body, then destroys the socket. */
export const resetMidBody: Handler = (_req, res) => {
  res.writeHead(200, { "content-type": "application/json", "content-length": "100" });
  res.write('{"partial":', () => setTimeout(() => res.socket?.destroy(), 5));
};

/** Sends the headers at once, then one small chunk every `everyMs` for `chunks` chunks. */
export function trickle(everyMs: number, chunks: number): Handler {
  return (_req, res) => {
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
