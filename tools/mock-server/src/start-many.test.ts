import { execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { MockProvider } from "./start.js";
import { startMockProviders } from "./start-many.js";

const PACKAGE_DIR = join(dirname(fileURLToPath(import.meta.url)), "..");
const FIXTURES = join(PACKAGE_DIR, "test", "fixtures");
const WIDGETS = join(FIXTURES, "widgets.yaml");
const GADGETS = join(FIXTURES, "gadgets.yaml");
const TOKEN = { authorization: "Token any-value" };
const BEARER = { authorization: "Bearer any-value" };
// Starts are waited for until Prism answers or exits, however busy the machine: these limits only catch a hang.
const HANG_MS = 600_000;

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Whether a connection to `url` is refused (nothing listens there any more). */
async function refused(url: string): Promise<boolean> {
  return fetch(url).then(
    async (response) => {
      await response.body?.cancel();
      return false;
    },
    () => true,
  );
}

describe("startMockProviders", { timeout: HANG_MS }, () => {
  let widgets: MockProvider;
  let gadgets: MockProvider;
  let lenient: MockProvider;
  const gadgetLines: string[] = [];
  beforeAll(async () => {
    [widgets, gadgets, lenient] = (await startMockProviders([
      { spec: WIDGETS },
      { spec: GADGETS, onLog: (line) => gadgetLines.push(line) },
      { spec: WIDGETS, errors: false },
    ])) as [MockProvider, MockProvider, MockProvider];
  }, HANG_MS);
  afterAll(() => widgets?.stop());

  it("serves every spec from one Prism process, each on its own port the system picked", () => {
    expect(new Set([widgets.pid, gadgets.pid, lenient.pid]).size).toBe(1);
    expect(isRunning(widgets.pid)).toBe(true);
    expect(new Set([widgets.port, gadgets.port, lenient.port]).size).toBe(3);
    for (const mock of [widgets, gadgets, lenient]) expect(mock.url).toBe(`http://127.0.0.1:${mock.port}`);
  });

  it("answers each spec's requests with that spec's examples, the one named in Prefer first", async () => {
    const widget = await fetch(`${widgets.url}/widgets/w1`, { headers: TOKEN });
    expect(await widget.json()).toEqual({ id: "w1", size: 1 });
    const large = await fetch(`${widgets.url}/widgets/w1`, { headers: { ...TOKEN, prefer: "example=large" } });
    expect(await large.json()).toEqual({ id: "w2", size: 9 });
    const gadgetList = await fetch(`${gadgets.url}/gadgets`, { headers: BEARER });
    expect(gadgetList.status).toBe(200);
    expect(await gadgetList.json()).toEqual({ gadgets: ["sprocket", "flange"] });
    // Each server knows only its own spec's operations.
    expect((await fetch(`${gadgets.url}/widgets/w1`, { headers: TOKEN })).status).toBe(404);
    expect((await fetch(`${widgets.url}/gadgets`, { headers: BEARER })).status).toBe(404);
  });

  it("checks credentials and validates requests against each spec, adapted as startMockProvider adapts it", async () => {
    expect(widgets.adjustments).toEqual([expect.stringContaining('tokenAuth: http "Token"')]);
    expect(gadgets.adjustments).toEqual([]);
    expect((await fetch(`${widgets.url}/widgets/w1`)).status).toBe(401);
    expect((await fetch(`${gadgets.url}/gadgets`)).status).toBe(401);
    const badBody = await fetch(`${widgets.url}/widgets/w1`, {
      method: "PUT",
      headers: { ...TOKEN, "content-type": "application/json" },
      body: JSON.stringify({ id: "w1", size: "two" }),
    });
    expect(badBody.status).toBe(422);
    expect(badBody.headers.get("sl-violations")).toContain("size");
    const badQuery = await fetch(`${gadgets.url}/gadgets?limit=0`, { headers: BEARER });
    expect(badQuery.status).toBe(422);
  });

  it("applies errors per spec: a 500 for an example that breaks its schema, unless errors is false", async () => {
    const strict = await fetch(`${widgets.url}/broken`, { headers: TOKEN });
    expect(strict.status).toBe(500);
    expect(strict.headers.get("sl-violations")).toContain("size");
    const served = await fetch(`${lenient.url}/broken`, { headers: TOKEN });
    expect(served.status).toBe(200);
    expect(await served.json()).toEqual({ id: "w3", size: "large" });
  });

  it("keeps each mock's lines apart, and tells its onLog", async () => {
    await (await fetch(`${gadgets.url}/gadgets`, { headers: BEARER })).body?.cancel();
    await vi.waitFor(() => expect(gadgets.logs().join("\n")).toContain("GET /gadgets"), { timeout: HANG_MS, interval: 20 });
    expect(gadgets.logs()).toContain(`Prism is listening on ${gadgets.url}`);
    expect(gadgetLines).toEqual(expect.arrayContaining(gadgets.logs()));
    expect(widgets.logs()).toContain(`Prism is listening on ${widgets.url}`);
    // Only gadgets was sent a bad `limit`: its violation is in its lines alone.
    expect(gadgets.logs().join("\n")).toContain("limit");
    expect(widgets.logs().join("\n")).not.toContain("limit");
  });

  it("never lets the process outlive a parent killed outright", { timeout: 2 * HANG_MS }, async () => {
    const parent = spawn(process.execPath, [join(PACKAGE_DIR, "test", "start-and-die.mjs"), WIDGETS, GADGETS], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    try {
      const [line] = (await once(createInterface({ input: parent.stdout }), "line")) as [string];
      const orphan = JSON.parse(line) as { pid: number; urls: string[] };
      expect(orphan.urls).toHaveLength(2);
      expect((await fetch(`${orphan.urls[1]}/gadgets`, { headers: BEARER })).status).toBe(200);
      parent.kill("SIGKILL"); // no exit handler runs: only the watchdog can end the mocks now
      await vi.waitFor(() => expect(isRunning(orphan.pid)).toBe(false), { timeout: HANG_MS, interval: 50 });
      for (const url of orphan.urls) expect(await refused(url)).toBe(true);
      expect((await fetch(`${widgets.url}/widgets/w1`, { headers: TOKEN })).status).toBe(200);
    } finally {
      parent.kill("SIGKILL");
    }
  });

  // Last in this block: it stops the shared process.
  it("stop() on any one mock stops the process and closes every port; further stops are harmless", async () => {
    await gadgets.stop();
    expect(isRunning(widgets.pid)).toBe(false);
    for (const mock of [widgets, gadgets, lenient]) expect(await refused(mock.url)).toBe(true);
    await widgets.stop();
    await gadgets.stop();
  });
});

describe("startMockProviders failures", { timeout: HANG_MS }, () => {
  it("starts nothing for no specs", async () => {
    expect(await startMockProviders([])).toEqual([]);
  });

  it("rejects a spec that does not exist, naming it, before starting anything", async () => {
    await expect(startMockProviders([{ spec: WIDGETS }, { spec: join(FIXTURES, "missing.yaml") }])).rejects.toThrow(
      /Cannot read the spec to mock at .*missing\.yaml: ENOENT/,
    );
  });

  it("rejects an invalid port", async () => {
    await expect(startMockProviders([{ spec: WIDGETS, port: -1 }])).rejects.toThrow(RangeError);
  });

  it("rejects with Prism's message naming the spec it cannot load, and leaves no process behind", async () => {
    // A copy in a directory of its own: its path marks the process, which must be gone once the start has failed.
    const dir = mkdtempSync(join(tmpdir(), "modelfleet-mock-broken-"));
    const broken = join(dir, "not-yaml.yaml");
    copyFileSync(join(FIXTURES, "not-yaml.yaml"), broken);
    try {
      const lines: string[] = [];
      await expect(startMockProviders([{ spec: WIDGETS }, { spec: broken, onLog: (line) => lines.push(line) }])).rejects.toThrow(
        /Prism mock of .*not-yaml\.yaml could not be started: Error parsing [\s\S]*unexpected end of the stream/,
      );
      expect(lines.join("\n")).toContain("Error parsing");
      expect(execFileSync("ps", ["-eo", "args"], { encoding: "utf8" })).not.toContain(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
