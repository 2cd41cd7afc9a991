import { type ChildProcess, spawn } from "node:child_process";
import { openSync, readFileSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

/** A running throwaway registry. */
export interface LocalRegistry {
  /** `http://127.0.0.1:<port>/` */
  url: string;
  /** Where the registry's output goes; shown when something fails. */
  logFile: string;
  /** Stops the server (SIGTERM, then SIGKILL after 10 s); safe to call twice. */
  stop(): Promise<void>;
}

const require = createRequire(import.meta.url);

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === "string") throw new Error("could not pick a free port");
  return address.port;
}

/**
 * Starts Verdaccio on 127.0.0.1 with its storage in `dir`. `@modelfleet/*` and `modelfleet` are served only from
 * that storage (never proxied, so a package of the same name on the public registry cannot stand in for ours);
 * everything else is proxied to `uplink`.
 */
export async function startVerdaccio(dir: string, uplink: string): Promise<LocalRegistry> {
  await mkdir(join(dir, "storage"), { recursive: true });
  const port = await freePort();
  const local = { access: "$all", publish: "$anonymous", unpublish: "$anonymous" };
  // JSON is YAML, so the config needs no YAML writer.
  const config = {
    storage: join(dir, "storage"),
    auth: { htpasswd: { file: join(dir, "htpasswd"), max_users: -1 } },
    uplinks: { upstream: { url: uplink, timeout: "60s" } },
    packages: { "@modelfleet/*": local, modelfleet: local, "**": { access: "$all", proxy: "upstream" } },
    listen: `127.0.0.1:${port}`,
    web: { enable: false },
    log: { type: "stdout", format: "pretty", level: "warn" },
  };
  const configFile = join(dir, "config.yaml");
  await writeFile(configFile, `${JSON.stringify(config, null, 2)}\n`);
  const logFile = join(dir, "verdaccio.log");
  const log = openSync(logFile, "a");
  const manifest = JSON.parse(await readFile(require.resolve("verdaccio/package.json"), "utf8")) as { bin: Record<string, string> };
  const bin = join(dirname(require.resolve("verdaccio/package.json")), manifest.bin.verdaccio ?? "bin/verdaccio");
  const child = spawn(process.execPath, [bin, "--config", configFile], { stdio: ["ignore", log, log] });
  const url = `http://127.0.0.1:${port}/`;
  const registry: LocalRegistry = { url, logFile, stop: () => stopChild(child) };
  try {
    await waitForPing(url, child, logFile);
  } catch (error) {
    await registry.stop();
    throw error;
  }
  return registry;
}

async function waitForPing(url: string, child: ChildProcess, logFile: string): Promise<void> {
  for (let attempt = 0; attempt < 150; attempt++) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`Verdaccio exited before answering:\n${readFileSync(logFile, "utf8")}`);
    }
    const ok = await fetch(new URL("-/ping", url)).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await sleep(200);
  }
  throw new Error(`Verdaccio did not answer ${url}-/ping within 30 s:\n${readFileSync(logFile, "utf8")}`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}
