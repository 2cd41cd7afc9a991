import { type ChildProcessWithoutNullStreams, execFileSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { request as httpRequest } from "node:http";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { CLI } from "../fake-providers.test-helper.js";

/** Where the tests save a screenshot of each page (git-ignored; one is copied into the README by hand). */
export const SCREENSHOTS = fileURLToPath(new URL("../../ui-screenshots/", import.meta.url));

/** A running `modelfleet ui`. */
export interface RunningUi {
  /** The URL it printed, with its token. */
  url: string;
  /** `http://127.0.0.1:<port>`. */
  origin: string;
  /** Everything it wrote, to check that no key was printed. */
  output: () => string;
  /**
   * Resolves once what it wrote matches `pattern`: stderr is a stream of its own, so a line written there before the
   * URL may still arrive after it. Waits on the output, not on time (the test's own limit catches a hang).
   */
  waitForOutput: (pattern: RegExp) => Promise<string>;
  /** Sends SIGTERM and resolves with its exit code. */
  stop: () => Promise<number | null>;
}

/**
 * Starts the built CLI's `modelfleet ui --port 0 --no-open` with exactly `env` (plus PATH) and resolves once it
 * printed the URL: it listens from then on, so nothing waits on time.
 */
export function startUi(args: readonly string[], env: Record<string, string>): Promise<RunningUi> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run the build first (turbo runs it before these tests)`);
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, [CLI, "ui", "--port", "0", "--no-open", ...args], {
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let output = "";
  const waiting: { pattern: RegExp; resolve: (output: string) => void }[] = [];
  const heard = (chunk: string) => {
    output += chunk;
    for (const wait of waiting.filter((w) => w.pattern.test(output))) {
      waiting.splice(waiting.indexOf(wait), 1);
      wait.resolve(output);
    }
  };
  const waitForOutput = (pattern: RegExp) =>
    pattern.test(output) ? Promise.resolve(output) : new Promise<string>((resolve) => waiting.push({ pattern, resolve }));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const onData = (chunk: string) => {
      heard(chunk);
      // The URL's whole line: a chunk can end in the middle of it.
      const url = /open (http:\/\/\S+)\n/.exec(output)?.[1];
      if (url) {
        resolve({
          url,
          origin: new URL(url).origin,
          output: () => output,
          waitForOutput,
          stop: () => {
            child.kill("SIGTERM");
            return exited;
          },
        });
      }
    };
    child.stdout.setEncoding("utf8").on("data", onData);
    child.stderr.setEncoding("utf8").on("data", heard);
    child.once("error", reject);
    void exited.then((code) => reject(new Error(`modelfleet ui exited (${code}) before printing its URL:\n${output}`)));
  });
}

/** An answer as the server sent it. */
export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * One request with exactly these headers (fetch would not let a test set `Host`); every answer is also pushed to
 * `seen`, for the scan for keys.
 */
export function rawRequest(
  origin: string,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string },
  seen: string[],
): Promise<RawResponse> {
  const url = new URL(path, origin);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: `${url.pathname}${url.search}`,
        method: options.method ?? "GET",
        headers: options.headers,
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8").on("data", (chunk: string) => {
          body += chunk;
        });
        res.on("end", () => {
          seen.push(body);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
        });
      },
    );
    req.once("error", reject);
    req.end(options.body);
  });
}

/** The cookie the token URL sets, as a `Cookie` header value, and the page's CSRF token. */
export async function login(ui: RunningUi, seen: string[]): Promise<{ cookie: string; csrf: string }> {
  const first = await rawRequest(
    ui.origin,
    new URL(ui.url).pathname + new URL(ui.url).search,
    { headers: { host: new URL(ui.url).host } },
    seen,
  );
  const setCookie = first.headers["set-cookie"]?.[0] ?? "";
  const cookie = setCookie.split(";")[0] ?? "";
  const page = await rawRequest(ui.origin, "/", { headers: { host: new URL(ui.url).host, cookie } }, seen);
  const csrf = /name="modelfleet-csrf" content="([^"]+)"/.exec(page.body)?.[1] ?? "";
  return { cookie, csrf };
}

/** Debian's Chromium (`apt-get install chromium`; `.ci/run` installs it): never a browser downloaded by a package. */
function chromiumPath(): string {
  try {
    return execFileSync("which", ["chromium"], { encoding: "utf8" }).trim();
  } catch {
    throw new Error("chromium is not installed: apt-get install -y chromium (.ci/run does it when /usr/bin/chromium is missing)");
  }
}

/** A headless Chromium with a fresh profile; `close` ends it and removes the profile. */
export async function launchBrowser(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const profile = await mkdtemp(join(tmpdir(), "modelfleet-ui-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
    viewport: { width: 1366, height: 800 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Waits until the page's view has its data (the page marks `main` ready), never on time. */
export async function ready(page: Page): Promise<void> {
  await page.locator('main[data-state="ready"]').waitFor();
}

const axeSource = readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** The axe-core violations of the page at the levels that matter: serious and critical. */
export async function seriousViolations(page: Page): Promise<Array<{ id: string; impact: string; help: string; targets: string[] }>> {
  // Evaluated through the debugging protocol, which the page's Content-Security-Policy does not govern (an inline
  // <script> would be refused, as it should be).
  await page.evaluate(await axeSource);
  const result = (await page.evaluate(() =>
    (window as unknown as { axe: { run: (context: Document) => Promise<unknown> } }).axe.run(document),
  )) as { violations: Array<{ id: string; impact: string; help: string; nodes: Array<{ target: string[] }> }> };
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.flatMap((n) => n.target) }));
}

/** Saves a full-page screenshot as `<name>.png` under {@link SCREENSHOTS}. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
