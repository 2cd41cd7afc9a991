import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { BuiltInFleet } from "modelfleet/all";
import { describeError } from "../failure.js";
import { type Api, createApi, HttpError } from "./api.js";
import { Guard } from "./guard.js";
import type { Mask } from "./views.js";

/** What `modelfleet ui` starts the server with. */
export interface UiServerOptions {
  fleet: BuiltInFleet;
  host: string;
  /** 0: any free port. */
  port: number;
  allowChanges: boolean;
  fleetFile: string | undefined;
  mask: Mask;
  /** Replaces every configured key in a text: the last check on every body the server sends. */
  redact: (text: string) => string;
  /** Each provider call's limit. */
  timeoutMs: number;
}

/** A running server. */
export interface RunningUi {
  /** The URL to open, with the per-run token. */
  url: string;
  close(): Promise<void>;
}

/**
 * Every response's security headers: nothing from another origin, no inline script or style, no framing, no
 * caching of fleet data, no referrer carrying the token. No CORS header is ever sent, so no other origin can read
 * an answer.
 */
const SECURITY_HEADERS = {
  "content-security-policy":
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "no-referrer",
  "cross-origin-opener-policy": "same-origin",
  "cross-origin-resource-policy": "same-origin",
  "cache-control": "no-store",
} as const;

/** The page's paths: each serves the one HTML page, which shows the view the path names. */
const PAGES = new Set(["/", "/deployment", "/plan", "/cost"]);
/** The built assets (next to this module in `dist/`), by URL path. */
const ASSETS: Record<string, { file: string; type: string }> = {
  "/assets/app.js": { file: "app.js", type: "text/javascript; charset=utf-8" },
  "/assets/app.css": { file: "app.css", type: "text/css; charset=utf-8" },
  "/assets/icon.svg": { file: "icon.svg", type: "image/svg+xml" },
};
const MAX_BODY_BYTES = 64 * 1024;

/** Starts the UI's HTTP server; resolves once it listens. */
export async function startUiServer(options: UiServerOptions): Promise<RunningUi> {
  const assets = await loadAssets();
  const api = createApi(options);
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const hostPort = `${options.host.includes(":") ? `[${options.host}]` : options.host}:${port}`;
  const guard = new Guard(hostPort);
  const html = assets.get("index.html")?.toString("utf8").replace("%CSRF%", guard.csrfToken) ?? "";
  server.on("request", (request: IncomingMessage, response: ServerResponse) => {
    handle(request, response).catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : 500;
      send(response, status, "application/json", JSON.stringify({ error: describeError(error) }));
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", "http://localhost");
    const mutating = url.pathname === "/api/apply" || url.pathname === "/api/action";
    const verdict = guard.check(request, mutating);
    if (verdict.kind === "deny") {
      send(response, verdict.status, "application/json", JSON.stringify({ error: verdict.reason }));
      return;
    }
    if (verdict.kind === "login") {
      response.writeHead(303, { ...SECURITY_HEADERS, "set-cookie": verdict.cookie, location: verdict.location });
      response.end();
      return;
    }
    if (PAGES.has(url.pathname)) return send(response, 200, "text/html; charset=utf-8", html);
    const asset = ASSETS[url.pathname];
    if (asset) return send(response, 200, asset.type, assets.get(asset.file) ?? "");
    if (url.pathname.startsWith("/api/")) return json(response, await route(api, url, request));
    send(response, 404, "application/json", JSON.stringify({ error: `nothing at ${url.pathname}` }));
  }

  function json(response: ServerResponse, body: unknown): void {
    send(response, 200, "application/json", JSON.stringify(body));
  }

  function send(response: ServerResponse, status: number, type: string, body: string | Buffer): void {
    if (response.headersSent) return;
    // The last check: no configured key leaves the process, whatever a provider echoed into an error.
    const out = typeof body === "string" ? options.redact(body) : body;
    response.writeHead(status, { ...SECURITY_HEADERS, "content-type": type, "content-length": Buffer.byteLength(out) });
    response.end(out);
  }

  return {
    url: `http://${hostPort}/?token=${guard.token}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function route(api: Api, url: URL, request: IncomingMessage): Promise<unknown> {
  const param = (name: string) => {
    const value = url.searchParams.get(name);
    if (value === null || value === "") throw new HttpError(400, `${name}: a query parameter is required`);
    return value;
  };
  switch (url.pathname) {
    case "/api/session":
      return api.session();
    case "/api/deployments":
      return api.listing(param("provider"));
    case "/api/deployment":
      return api.deployment(param("ref"));
    case "/api/plan":
      return api.plan();
    case "/api/cost":
      return api.cost(url.searchParams.get("window") || "24h");
    case "/api/apply":
      return api.apply(await readJson(request));
    case "/api/action":
      return api.action(await readJson(request));
    default:
      throw new HttpError(404, `nothing at ${url.pathname}`);
  }
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, `a request body is at most ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new HttpError(400, "the request body is not JSON");
  }
}

/** The page's files, built with the CLI and shipped in `dist/ui/`; read once, at start. */
async function loadAssets(): Promise<Map<string, Buffer>> {
  const dir = new URL("./ui/", import.meta.url);
  const files = ["index.html", ...Object.values(ASSETS).map((a) => a.file)];
  const loaded = await Promise.all(
    files.map(async (file) => {
      try {
        return [file, await readFile(new URL(file, dir))] as const;
      } catch (error) {
        throw new Error(`the UI's ${file} is missing from ${dir.pathname}: rebuild the CLI (${(error as Error).message})`);
      }
    }),
  );
  return new Map(loaded);
}
