import { rm } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { forEachLine, mockFailure, mockLog, spawnMockProcess } from "./mock-process.js";
import { type PreparedSpec, prepareSpec } from "./prepare-spec.js";
import type { MockProvider, MockProviderOptions } from "./start.js";
import { supervise } from "./supervise.js";

const HOST_SCRIPT = fileURLToPath(new URL("../prism-host.cjs", import.meta.url));

/** What the host script prints, one JSON object a line: a log line, the URL once listening, or why it failed. */
interface HostMessage {
  i: number;
  log?: string;
  url?: string;
  error?: string;
}

/**
 * Starts a Prism mock of each spec, all in ONE Prism process (Prism's modules are loaded once, which is most of
 * the cost of a start), each on its own 127.0.0.1 port, and resolves once every one listens. Each mock behaves as
 * {@link startMockProvider}'s would for the same options (adapted spec, request validation, examples, `Prefer`,
 * `errors`), keeps its own `logs()` and calls its own `onLog`. They share one process: every entry has the same
 * `pid`, and `stop()` on ANY of them stops them all and waits until the process has exited (safe to call on
 * each). If one spec cannot be mocked, the process is stopped and the error names that spec. The wait has no time
 * limit unless a spec sets `startTimeoutMs` (the smallest one applies to the whole group).
 */
export async function startMockProviders(specs: readonly MockProviderOptions[]): Promise<MockProvider[]> {
  if (specs.length === 0) return [];
  const prepared = await Promise.allSettled(specs.map((options) => prepareSpec(options.spec, options.port ?? 0)));
  const ready = prepared.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
  const removeTemp = () => Promise.all(ready.map(({ tempDir }) => tempDir && rm(tempDir, { recursive: true, force: true })));
  const refused = prepared.find((result) => result.status === "rejected");
  if (refused) {
    await removeTemp();
    throw refused.reason;
  }

  const documents = ready.map(({ document }, i) => ({ document, port: specs[i]?.port ?? 0, errors: specs[i]?.errors ?? true }));
  const child = spawnMockProcess([HOST_SCRIPT, JSON.stringify(documents)]);
  const logs = ready.map((_, i) => mockLog(specs[i]?.onLog));
  const log = (i: number, line: string) => logs[i]?.add(line);
  const urls: (string | undefined)[] = ready.map(() => undefined);
  let settle: (failure?: Error) => void = () => {};
  const started = new Promise<void>((resolve, reject) => {
    settle = (failure) => (failure ? reject(failure) : resolve());
  });
  const failure = (spec: PreparedSpec, why: string, i?: number) =>
    mockFailure(spec.specPath, why, i === undefined ? logs.flatMap((l) => l.lines) : (logs[i]?.lines ?? []));

  forEachLine(child.stdout, (line) => {
    let message: HostMessage;
    try {
      message = JSON.parse(line) as HostMessage;
    } catch {
      for (const i of logs.keys()) log(i, line); // not the host's own: Prism or Node printed it, for every mock
      return;
    }
    const spec = ready[message.i];
    if (!spec) return;
    if (message.log !== undefined) log(message.i, message.log);
    if (message.error !== undefined) {
      log(message.i, message.error);
      settle(failure(spec, `could not be started: ${message.error}`, message.i));
    }
    if (message.url !== undefined) {
      urls[message.i] = message.url.replace(/\/$/, "");
      if (urls.every(Boolean)) settle();
    }
  });
  forEachLine(child.stderr, (line) => {
    for (const i of logs.keys()) log(i, line);
  });

  const { exited, whyGone, stop } = supervise(child, removeTemp);
  void exited.then(() => {
    const waiting = ready.find((_, i) => urls[i] === undefined) ?? ready[0];
    if (waiting) settle(failure(waiting, whyGone()));
  });

  const capMs = Math.min(...specs.map((options) => options.startTimeoutMs ?? Number.POSITIVE_INFINITY));
  let capTimer: NodeJS.Timeout | undefined;
  if (Number.isFinite(capMs)) {
    capTimer = setTimeout(() => {
      const waiting = ready.find((_, i) => urls[i] === undefined);
      if (waiting) settle(failure(waiting, `did not answer within ${capMs} ms`));
    }, capMs);
  }

  try {
    await started;
  } catch (error) {
    await stop();
    throw error;
  } finally {
    clearTimeout(capTimer);
  }
  return ready.map((spec, i) => {
    const url = urls[i] ?? "";
    const lines = logs[i]?.lines ?? [];
    return { url, port: Number(new URL(url).port), pid: child.pid ?? -1, adjustments: spec.adjustments, logs: () => [...lines], stop };
  });
}
