import { spawn } from "node:child_process";
import { isIP } from "node:net";
import type { Context } from "../context.js";
import { parseTimeout } from "../deadline.js";
import { EXIT, type ExitCode } from "../failure.js";
import { redactor, secretsIn } from "../io.js";
import { maskForProvider } from "../sensitive.js";
import { UsageError } from "../usage.js";

/** The port `modelfleet ui` listens on when `--port` is not given. */
const DEFAULT_PORT = 4800;
const LOOPBACK = "127.0.0.1";

/**
 * `modelfleet ui`: serves the fleet to a browser on this machine until interrupted. The server (and the page it
 * ships) is loaded only here, so that no other command pays for it at start.
 */
export async function ui(context: Context): Promise<ExitCode> {
  const { io, usage, values } = context;
  const port = portOf(values.port, usage);
  const host = hostOf(values.host, usage);
  const fleetFile = typeof values.fleet === "string" ? values.fleet : undefined;
  if (fleetFile !== undefined && fleetFile.trim() === "") throw new UsageError("--fleet needs a file", usage);
  const allowChanges = values["allow-changes"] === true;

  const { startUiServer } = await import("../ui/server.js");
  const server = await startUiServer({
    fleet: context.fleet,
    host,
    port,
    allowChanges,
    fleetFile,
    mask: maskForProvider,
    redact: redactor(secretsIn(io.env)),
    // Each request the page makes waits for providers as long as one command would.
    timeoutMs: parseTimeout(values.timeout, usage) * 1000,
  });
  // Listening for Ctrl-C and SIGTERM before anything is printed: whoever waits for the URL (a script, a test) may stop
  // the server the moment it appears, and a signal that came before the handlers would end the process unclean.
  const stopped = new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  if (host !== LOOPBACK) {
    io.stderr.write(
      `${context.err.yellow("warning:")} listening on ${host}, not ${LOOPBACK}: anyone who can reach this address and learns the URL's token can see your fleet${allowChanges ? " and change it" : ""}\n`,
    );
  }
  // The URL comes last, in the same write: whoever waits for it (a person, a script, a test) has the rest by then.
  const mode = allowChanges ? "changes allowed (--allow-changes)" : "read-only";
  io.stdout.write(`${mode}; Ctrl-C stops the server\nmodelfleet ui: open ${server.url}\n`);
  if (values["no-open"] !== true) openBrowser(server.url);

  await stopped;
  await server.close();
  return EXIT.ok;
}

function portOf(value: unknown, usage: string): number {
  if (value === undefined) return DEFAULT_PORT;
  if (typeof value !== "string" || !/^\d{1,5}$/.test(value) || Number(value) > 65_535) {
    throw new UsageError(`--port must be an integer from 0 to 65535 (0: any free port), got ${JSON.stringify(value)}`, usage);
  }
  return Number(value);
}

function hostOf(value: unknown, usage: string): string {
  if (value === undefined) return LOOPBACK;
  // An IP address only: the Host header check compares against it, and a name could resolve elsewhere later.
  if (typeof value !== "string" || isIP(value) === 0) {
    throw new UsageError(`--host must be an IP address such as ${LOOPBACK}, got ${JSON.stringify(value)}`, usage);
  }
  return value;
}

/** Best effort: the platform's opener; if there is none, the printed URL is enough. */
function openBrowser(url: string): void {
  const [command, args] =
    process.platform === "darwin"
      ? ["open", [url]]
      : process.platform === "win32"
        ? ["cmd", ["/c", "start", "", url]]
        : ["xdg-open", [url]];
  try {
    const child = spawn(command, args as string[], { stdio: "ignore", detached: true });
    child.on("error", () => {});
    child.unref();
  } catch {
    // No opener: the URL was printed.
  }
}
