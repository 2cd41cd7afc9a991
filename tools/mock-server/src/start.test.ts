import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { adaptSpecForPrism } from "./adapt-spec.js";
import { type MockProvider, startMockProvider } from "./start.js";

const PACKAGE_DIR = join(dirname(fileURLToPath(import.meta.url)), "..");
const FIXTURES = join(PACKAGE_DIR, "test", "fixtures");
const WIDGETS = join(FIXTURES, "widgets.yaml");
const AUTH = { authorization: "Token any-value" };
// Prism needs about 2 s to start on an idle machine, and far more when every package's suite starts one at once
// on a busy one: a start is waited for until Prism answers or exits. These limits only catch a hang.
const HANG_MS = 600_000;
const TEST_TIMEOUT_MS = HANG_MS;

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("startMockProvider", { timeout: TEST_TIMEOUT_MS }, () => {
  let mock: MockProvider;
  beforeAll(async () => {
    mock = await startMockProvider({ spec: WIDGETS });
  }, TEST_TIMEOUT_MS);
  afterAll(() => mock?.stop());

  it("listens on 127.0.0.1 on a port the system picked", () => {
    expect(new URL(mock.url).hostname).toBe("127.0.0.1");
    expect(mock.port).toBeGreaterThan(0);
    expect(mock.url).toBe(`http://127.0.0.1:${mock.port}`);
    expect(isRunning(mock.pid)).toBe(true);
  });

  it("answers a valid request with the spec's first example, or the one named in Prefer", async () => {
    const first = await fetch(`${mock.url}/widgets/w1`, { headers: AUTH });
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ id: "w1", size: 1 });
    const named = await fetch(`${mock.url}/widgets/w1`, { headers: { ...AUTH, prefer: "example=large" } });
    expect(await named.json()).toEqual({ id: "w2", size: 9 });
  });

  it("answers a request without credentials with 401, also for a custom http scheme Prism does not check", async () => {
    expect(mock.adjustments).toEqual([expect.stringContaining('tokenAuth: http "Token"')]);
    const response = await fetch(`${mock.url}/widgets/w1`);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ message: "Missing token" });
  });

  it("answers a body that breaks the schema with 422 and names the violation", async () => {
    const response = await fetch(`${mock.url}/widgets/w1`, {
      method: "PUT",
      headers: { ...AUTH, "content-type": "application/json" },
      body: JSON.stringify({ id: "w1", size: "two" }),
    });
    expect(response.status).toBe(422);
    expect(response.headers.get("sl-violations")).toContain("size");
  });

  it("answers with a 500 when the spec's own example breaks its schema (--errors)", async () => {
    const response = await fetch(`${mock.url}/broken`, { headers: AUTH });
    expect(response.status).toBe(500);
    expect(response.headers.get("sl-violations")).toContain("size");
  });

  it("keeps Prism's output for diagnosis", () => {
    expect(mock.logs().join("\n")).toContain("Prism is listening on");
  });

  it(
    "runs a second mock beside the first, from plain Node, and never lets it outlive a parent killed outright",
    async () => {
      const parent = spawn(process.execPath, [join(PACKAGE_DIR, "test", "start-and-die.mjs"), WIDGETS], {
        stdio: ["ignore", "pipe", "inherit"],
      });
      try {
        const [line] = (await once(createInterface({ input: parent.stdout }), "line")) as [string];
        const second = JSON.parse(line) as { pid: number; url: string };
        expect(new URL(second.url).port).not.toBe(String(mock.port));
        expect((await fetch(`${second.url}/widgets/w1`, { headers: AUTH })).status).toBe(200);
        parent.kill("SIGKILL"); // no exit handler runs: only the watchdog can end the mock now
        // Eventually, not within a deadline: the watchdog reacts to the closed pipe, not to a timer.
        await vi.waitFor(() => expect(isRunning(second.pid)).toBe(false), { timeout: HANG_MS, interval: 50 });
        expect((await fetch(`${mock.url}/widgets/w1`, { headers: AUTH })).status).toBe(200);
      } finally {
        parent.kill("SIGKILL");
      }
    },
    2 * TEST_TIMEOUT_MS,
  );

  // Last in this block: it stops the shared mock.
  it("stop() ends that exact Prism process and closes its port; a second stop is harmless", async () => {
    await mock.stop();
    expect(isRunning(mock.pid)).toBe(false);
    await expect(fetch(`${mock.url}/widgets/w1`, { headers: AUTH })).rejects.toThrow();
    await mock.stop();
  });
});

describe("startMockProvider failures", { timeout: TEST_TIMEOUT_MS }, () => {
  it("rejects a spec that does not exist without starting anything", async () => {
    await expect(startMockProvider({ spec: join(FIXTURES, "missing.yaml") })).rejects.toThrow(
      /Cannot read the spec to mock at .*missing\.yaml: ENOENT/,
    );
  });

  it("rejects an invalid port", async () => {
    await expect(startMockProvider({ spec: WIDGETS, port: 70_000 })).rejects.toThrow(RangeError);
  });

  it(
    "rejects with Prism's own message when Prism cannot load the spec",
    async () => {
      await expect(startMockProvider({ spec: join(FIXTURES, "not-yaml.yaml") })).rejects.toThrow(
        /exited \(1\) before it was ready[\s\S]*not-yaml\.yaml/,
      );
    },
    TEST_TIMEOUT_MS,
  );
});

describe("a spec whose $refs point at other files", { timeout: TEST_TIMEOUT_MS }, () => {
  let root: string;
  let mock: MockProvider;
  beforeAll(async () => {
    // The Widget schema in a shared file, and the custom scheme too: the mock is then given a bundled temporary copy.
    root = mkdtempSync(join(tmpdir(), "modelfleet-mock-refs-"));
    mkdirSync(join(root, "specs", "shared"), { recursive: true });
    writeFileSync(
      join(root, "specs", "shared", "widget.yaml"),
      "Widget:\n  type: object\n  required: [id, size]\n  properties:\n    id:\n      type: string\n    size:\n      type: integer\n",
    );
    const spec = readFileSync(WIDGETS, "utf8").replace(
      / {4}Widget:\n(?: {6}.*\n)+/,
      '    Widget:\n      $ref: "./shared/widget.yaml#/Widget"\n',
    );
    expect(spec).toContain("./shared/widget.yaml");
    writeFileSync(join(root, "specs", "widgets.yaml"), spec);
    mock = await startMockProvider({ spec: join(root, "specs", "widgets.yaml") });
  }, TEST_TIMEOUT_MS);
  afterAll(() => {
    mock?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  it("mocks the bundled document: the referenced schema's examples are served and its rules enforced", async () => {
    expect(mock.adjustments).toEqual([
      expect.stringContaining("specs/shared/widget.yaml"),
      expect.stringContaining('tokenAuth: http "Token"'),
    ]);
    const first = await fetch(`${mock.url}/widgets/w1`, { headers: AUTH });
    expect(await first.json()).toEqual({ id: "w1", size: 1 });
    const invalid = await fetch(`${mock.url}/widgets/w1`, {
      method: "PUT",
      headers: { ...AUTH, "content-type": "application/json" },
      body: JSON.stringify({ id: "w1", size: "big" }),
    });
    expect(invalid.status).toBe(422);
  });

  it("refuses a ref to a missing file before starting anything, naming it", async () => {
    writeFileSync(
      join(root, "specs", "broken.yaml"),
      readFileSync(join(root, "specs", "widgets.yaml"), "utf8").replace("widget.yaml", "gone.yaml"),
    );
    await expect(startMockProvider({ spec: join(root, "specs", "broken.yaml") })).rejects.toThrow(/gone\.yaml, which does not exist/);
  });
});

describe("adaptSpecForPrism", () => {
  it("leaves specs with schemes Prism checks untouched", () => {
    const spec =
      "components:\n  securitySchemes:\n    b:\n      type: http\n      scheme: bearer\n    k:\n      type: apiKey\n      in: header\n      name: X-API-Key\n";
    expect(adaptSpecForPrism(spec)).toEqual({ document: undefined, adjustments: [] });
  });

  it("turns a custom http scheme into a required Authorization header", () => {
    const { document, adjustments } = adaptSpecForPrism(
      "components:\n  securitySchemes:\n    modzy:\n      type: http\n      scheme: ApiKey\n",
    );
    expect(document).toMatchObject({ components: { securitySchemes: { modzy: { type: "apiKey", in: "header", name: "Authorization" } } } });
    expect(adjustments).toHaveLength(1);
  });

  it("leaves text that is not YAML to Prism to report", () => {
    expect(adaptSpecForPrism("info: [unclosed\n")).toEqual({ document: undefined, adjustments: [] });
  });
});
