import { getEventListeners } from "node:events";
import { SECRET_KEY } from "@modelfleet/test-utils";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { abortableSleep, onAbort } from "./abort-listeners.js";
import { acmeProvider, getThing } from "./acme-provider.test-helper.js";
import { createClientCore } from "./client-core.js";

const provider = acmeProvider();

// Node reports a signal with more than 10 abort listeners as a process warning; any such warning fails the test.
let warnings: Error[] = [];
const onWarning = (warning: Error) => warnings.push(warning);
beforeEach(() => {
  warnings = [];
  process.on("warning", onWarning);
});
afterEach(() => {
  process.off("warning", onWarning);
});
/** Process warnings are emitted on a later tick: let them arrive before looking. */
const settledWarnings = () => new Promise((resolve) => setImmediate(resolve)).then(() => warnings.map((w) => w.name));

/**
 * A fetch that holds every request until `count` are in flight, then answers each with `answer(url, attempt)`, so
 * the test sees all calls in flight at once without waiting on a clock.
 */
function gatedFetch(count: number, answer: (url: string, attempt: number) => Response) {
  const waiting: (() => void)[] = [];
  const attempts = new Map<string, number>();
  let inFlightPeak = 0;
  let inFlight = 0;
  let opened = false;
  const fetch = async (request: Request) => {
    const attempt = (attempts.get(request.url) ?? 0) + 1;
    attempts.set(request.url, attempt);
    inFlight++;
    inFlightPeak = Math.max(inFlightPeak, inFlight);
    if (!opened) {
      await new Promise<void>((resolve) => {
        waiting.push(resolve);
        if (waiting.length === count) {
          opened = true;
          for (const go of waiting) go();
        }
      });
    }
    inFlight--;
    return answer(request.url, attempt);
  };
  return { fetch, peak: () => inFlightPeak };
}

const ok = (url: string) => new Response(JSON.stringify({ url }), { status: 200, headers: { "content-type": "application/json" } });

describe("a signal shared by many calls in flight", () => {
  it("holds one abort listener however many callbacks are registered, and calls each once on abort", () => {
    const controller = new AbortController();
    const calls: number[] = [];
    const unregister = Array.from({ length: 25 }, (_, i) =>
      onAbort(controller.signal, () => {
        calls.push(i);
      }),
    );
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(1);
    unregister[3]?.();
    controller.abort();
    expect(calls).toHaveLength(24);
    expect(calls).not.toContain(3);
  });

  it("25 calls in flight on one signal: no MaxListenersExceededWarning, one listener, and abort still ends each", async () => {
    const gate = gatedFetch(25, ok);
    const core = createClientCore(provider, { apiKey: SECRET_KEY, fetch: gate.fetch, maxRetries: 0 });
    const controller = new AbortController();
    const results = await Promise.all(
      Array.from({ length: 25 }, (_, i) => core.call(getThing, { id: `t${i}` }, { signal: controller.signal })),
    );
    expect(results).toHaveLength(25);
    expect(gate.peak()).toBe(25);
    expect(await settledWarnings()).toEqual([]);
    // Nothing left registered for calls that ended; the signal keeps its single listener.
    expect(getEventListeners(controller.signal, "abort").length).toBeLessThanOrEqual(1);

    // An abort while 12 calls hang ends every one of them with the signal's reason.
    const hanging = createClientCore(provider, {
      apiKey: SECRET_KEY,
      maxRetries: 0,
      fetch: (request) =>
        new Promise((_, reject) => request.signal.addEventListener("abort", () => reject(request.signal.reason), { once: true })),
    });
    const second = new AbortController();
    const pending = Array.from({ length: 12 }, (_, i) =>
      hanging.call(getThing, { id: `h${i}` }, { signal: second.signal }).catch((error: unknown) => error),
    );
    const reason = new Error("stop");
    second.abort(reason);
    expect(await Promise.all(pending)).toEqual(Array.from({ length: 12 }, () => reason));
    expect(await settledWarnings()).toEqual([]);
  });

  it("25 calls pausing between retries on one signal (the default sleep): no warning", async () => {
    const gate = gatedFetch(25, (url, attempt) =>
      attempt === 1 ? new Response("{}", { status: 503, headers: { "retry-after-ms": "1" } }) : ok(url),
    );
    const core = createClientCore(provider, { apiKey: SECRET_KEY, fetch: gate.fetch, maxRetries: 1 });
    const signal = new AbortController().signal;
    const results = await Promise.all(Array.from({ length: 25 }, (_, i) => core.call(getThing, { id: `r${i}` }, { signal })));
    expect(results).toHaveLength(25);
    expect(await settledWarnings()).toEqual([]);
  });

  it("abortableSleep rejects with the signal's reason, and a finished sleep leaves nothing registered", async () => {
    const controller = new AbortController();
    await abortableSleep(1, controller.signal);
    const sleeping = abortableSleep(60_000, controller.signal).catch((error: unknown) => error);
    controller.abort("why");
    expect(await sleeping).toBe("why");
    await expect(abortableSleep(1, controller.signal)).rejects.toBe("why");
  });
});
