import { rm } from "node:fs/promises";
import { forEachLine, mockFailure, mockLog, spawnMockProcess } from "./mock-process.js";
import { prepareSpec } from "./prepare-spec.js";
import { prismEntry } from "./prism-bin.js";
import { supervise } from "./supervise.js";

/** Options of {@link startMockProvider}. */
export interface MockProviderOptions {
  /** Path of the OpenAPI document to mock (YAML or JSON), relative to the current directory or absolute. */
  spec: string;
  /** Port on 127.0.0.1. Default `0`: the system picks a free one, so parallel suites never clash. */
  port?: number;
  /**
   * Prism's `--errors` (default `true`): a response example that breaks its own schema is answered with a 500
   * instead of being served, so a wrong example in a spec fails the test that hits it.
   */
  errors?: boolean;
  /**
   * A cap on the wait for Prism to answer, in milliseconds. Default: none; the wait ends when Prism answers or
   * exits (with its output in the error), so a slow start on a loaded machine is waited for, not failed.
   */
  startTimeoutMs?: number;
  /** Receives each line Prism prints (requests, violations), e.g. `console.log` for a demo. Default: none. */
  onLog?: (line: string) => void;
}

/** A running Prism mock. */
export interface MockProvider {
  /** Base URL of the mock, e.g. `http://127.0.0.1:41234`: pass it as a client's `baseUrl`. */
  readonly url: string;
  /** The port the mock listens on. */
  readonly port: number;
  /** PID of the Prism process (the server itself, not a wrapper). */
  readonly pid: number;
  /** What was changed in the spec before mocking it; empty when it is mocked as written. See the README. */
  readonly adjustments: readonly string[];
  /** The last lines Prism printed, for diagnosing a failure. */
  logs(): string[];
  /** Stops this Prism process and waits until it has exited. Safe to call more than once. */
  stop(): Promise<void>;
}

const HOST = "127.0.0.1";
const DEFAULT_START_TIMEOUT_MS = Number.POSITIVE_INFINITY;
const LISTENING = /Prism is listening on (http:\/\/[^\s]+)/;

/**
 * Starts Stoplight Prism as a mock of one spec on 127.0.0.1 and resolves once it answers HTTP requests.
 * The mock validates every request against the spec (401 without credentials, 422 or the spec's 400 for a
 * request that breaks it) and answers valid ones with the spec's examples (`Prefer: example=<name>` picks a
 * named one). Call `stop()` when done; the process is also killed when this one exits.
 */
export async function startMockProvider(options: MockProviderOptions): Promise<MockProvider> {
  const { specPath, document, tempDir, adjustments } = await prepareSpec(options.spec, options.port ?? 0);

  const args = [prismEntry(), "mock", document, "--host", HOST, "--port", String(options.port ?? 0)];
  if (options.errors ?? true) args.push("--errors");
  const child = spawnMockProcess(args);
  const log = mockLog(options.onLog);
  forEachLine(child.stdout, log.add);
  forEachLine(child.stderr, log.add);

  const { running, whyGone, stop } = supervise(child, async () => {
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
  });

  try {
    const url = await waitForListening(running, log.lines, options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS, specPath, whyGone);
    return {
      url,
      port: Number(new URL(url).port),
      pid: child.pid ?? -1,
      adjustments,
      logs: () => [...log.lines],
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Resolves with Prism's base URL once it has printed it and answers a request there. */
async function waitForListening(
  running: () => boolean,
  lines: readonly string[],
  timeoutMs: number,
  specPath: string,
  whyStopped: () => string,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  const failure = (why: string) => mockFailure(specPath, why, lines);
  for (let delay = 25; ; delay = Math.min(delay * 2, 250)) {
    if (!running()) throw failure(whyStopped());
    if (Date.now() > deadline) throw failure(`did not answer within ${timeoutMs} ms`);
    const url = lines.map((line) => LISTENING.exec(line)?.[1]).find(Boolean);
    if (url && (await answers(url))) return url.replace(/\/$/, "");
    await new Promise((done) => setTimeout(done, delay));
  }
}

/** Whether anything answers HTTP at `url` (any status counts: Prism says 404 for `/` on most specs). */
async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
    await response.body?.cancel();
    return true;
  } catch {
    return false;
  }
}
