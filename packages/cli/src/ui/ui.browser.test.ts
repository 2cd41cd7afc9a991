import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BrowserContext, Page, Response } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deepinfraDeployment, type FakeRequest, healthyRoutes, KEYS, runCli, startFakeProviders } from "../fake-providers.test-helper.js";
import { launchBrowser, login, type RunningUi, rawRequest, ready, screenshot, seriousViolations, startUi } from "./browser.test-helper.js";

/** A deployment whose model name is markup: it must show as these characters, never run. */
const XSS = `<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>`;
/** A token DeepInfra echoes in a field its spec marks sensitive (`token`): it must never reach the browser. */
const ECHOED_TOKEN = "hf_SECRET_echoed_token_0001";

let fake: Awaited<ReturnType<typeof startFakeProviders>>;
let env: Record<string, string>;
let dir: string;
let fleetFile: string;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
/** Every body any server sent in these tests: to the browser and to the raw requests. */
const bodies: string[] = [];
const pending: Promise<void>[] = [];
const servers: RunningUi[] = [];
/** What `modelfleet ls --json` lists over the same fakes: the page must show the same. */
let listed: string[];

/** DeepInfra's usage of one deployment over the window: requests, and spend in integer cents. */
function stats(requests: number, cents: number) {
  return {
    requests,
    total_time: 0,
    total_tokens: 0,
    input_tokens: 0,
    output_tokens: 0,
    total_amount: cents,
    avg_time: 0,
    avg95_time: 0,
    errors: 0,
  };
}

function routes() {
  const base = healthyRoutes();
  // The markup-named one has failed, so that a status filter leaves it out (the README's screenshot).
  const withToken = (id: string, model: string) => {
    const d = deepinfraDeployment(id);
    return {
      ...d,
      model_name: model,
      status: "failed",
      fail_reason: "out of memory",
      config: { ...d.config, weights: { repo: "acme/llama", token: ECHOED_TOKEN } },
    };
  };
  const list = base["GET /deepinfra/deploy/list"] as () => { body: Array<ReturnType<typeof deepinfraDeployment>> };
  return {
    ...base,
    "GET /deepinfra/deploy/list": () => ({
      body: [
        ...list().body.map((d) => ({ ...d, config: { ...d.config, weights: { token: ECHOED_TOKEN } } })),
        withToken("xss0000001", XSS),
      ],
    }),
    "GET /deepinfra/deploy/xss0000001": () => ({ body: withToken("xss0000001", XSS) }),
    // Prices and usage: DeepInfra's catalogue prices its GPUs (the others are priced in the fleet file); one
    // deployment served no request in the window (idle), the other did.
    "GET /deepinfra/deploy/llm/gpu_availability": {
      body: { gpus: [{ gpu_config: "A100-80GB", usd_per_hour: 1.5, available: true, recommended: false }] },
    },
    "GET /deepinfra/deploy/fkj843kjh8/stats": { body: stats(0, 1234) },
    "GET /deepinfra/deploy/xss0000001/stats": { body: stats(7, 250) },
    // Modzy refuses the key: its banner shows, the other providers still do.
    "GET /modzy/models": { status: 401, body: { statusCode: 401, status: "error", message: "invalid API key" } },
  };
}

beforeAll(async () => {
  fake = await startFakeProviders(routes());
  env = { ...KEYS, ...fake.baseUrlEnv };
  dir = await mkdtemp(join(tmpdir(), "modelfleet-ui-"));
  fleetFile = join(dir, "fleet.yaml");
  await writeFile(
    fleetFile,
    'deployments:\n  - ref: together:endpoint-d23901de\n    scaling: { min: 1, max: 3 }\n  - ref: deepinfra:fkj843kjh8\n    scaling: { min: 1, max: 2 }\n  - ref: opper-v2:f-1@r-9\n    scaling: { min: 0, max: 1 }\nprices:\n  together:\n    1x_nvidia_a100_80gb_sxm: "2.50"\n  baseten:\n    1x A10G: 1.25\n',
  );
  const ls = await runCli(["ls", "--json"], env);
  listed = (JSON.parse(ls.stdout) as { deployments: Array<{ ref: string }> }).deployments.map((d) => d.ref);
  browser = await launchBrowser();
  browser.context.setDefaultTimeout(0);
  browser.context.on("response", (response: Response) => {
    pending.push(
      response.text().then(
        (text) => void bodies.push(text),
        () => undefined,
      ),
    );
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  for (const server of servers) expect(await server.stop()).toBe(0);
  await fake?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
}, 120_000);

/** A new tab on the server, logged in through the printed URL; any alert() would fail the test. */
async function open(context: BrowserContext, ui: RunningUi, path = "/"): Promise<Page> {
  const page = await context.newPage();
  page.on("dialog", (dialog) => {
    throw new Error(`the page opened a dialog: ${dialog.message()}`);
  });
  await page.goto(ui.url);
  await ready(page);
  if (path !== "/") {
    await page.goto(new URL(path, ui.origin).href);
    await ready(page);
  }
  return page;
}

/** The page's own query string (what a shared link or the back button carries). */
async function params(page: Page): Promise<URLSearchParams> {
  return new URLSearchParams(await page.evaluate(() => location.search));
}

async function rows(page: Page): Promise<string[]> {
  return page.locator("table.fleet tbody tr[data-ref]").evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-ref") ?? ""));
}

// A page waits for its own readiness mark, however long a busy machine takes; only vitest's test timeout bounds it.
const SLOW_MACHINE = { timeout: 300_000 };

describe("modelfleet ui, read-only (the default)", SLOW_MACHINE, () => {
  let ui: RunningUi;
  beforeAll(async () => {
    ui = await startUi(["--fleet", fleetFile], env);
    servers.push(ui);
  });

  it("prints a 127.0.0.1 URL with a token, says it is read-only, and warns of nothing", () => {
    expect(ui.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{48}$/);
    expect(ui.output()).toContain("read-only");
    expect(ui.output()).not.toContain("warning");
  });

  it("Fleet: every deployment ls lists, one failing provider's banner while the others render", async () => {
    const page = await open(browser.context, ui);
    expect(listed.length).toBeGreaterThan(5);
    expect((await rows(page)).sort()).toEqual([...listed].sort());
    const banner = page.locator('.banner[role="alert"]');
    await expect(banner.count()).resolves.toBe(1);
    expect(await banner.textContent()).toMatch(/Modzy failed: .*invalid API key/);
    expect(await page.locator('.chip[data-state="ok"]').count()).toBe(6);
    expect(await page.locator('.chip[data-provider="modzy"]').getAttribute("data-state")).toBe("failed");
    const status = page.locator('tr[data-ref="baseten:yqv4yjw@qvv0xeq"] .badge');
    expect(await status.textContent()).toBe("ready");
    expect(await status.getAttribute("title")).toContain("ACTIVE");
    expect(await page.locator('tr[data-ref="deepinfra:xss0000001"] .badge').textContent()).toBe("failed");
    // The rate column: DeepInfra's catalogue price × GPUs × replicas; the fleet file's price for Together.
    expect(await page.locator('tr[data-ref="deepinfra:fkj843kjh8"] .rate').textContent()).toBe("$3.00");
    expect(await page.locator('tr[data-ref="together:endpoint-d23901de"] .rate').textContent()).toMatch(/^\$2\.50/);
    expect(await page.locator('tr[data-ref="opper:support/triage@2"] .rate-unknown').getAttribute("title")).not.toBe("");
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "fleet");
    await page.selectOption("#filter-status", "ready");
    expect((await rows(page)).sort()).toEqual(listed.filter((r) => r !== "deepinfra:xss0000001").sort());
    await screenshot(page, "fleet-ready");
    await page.close();
  });

  it("Fleet: filter and sort change the rows and the URL, and the back button brings the previous ones", async () => {
    const page = await open(browser.context, ui);
    await page.selectOption("#filter-provider", "deepinfra");
    expect((await params(page)).get("provider")).toBe("deepinfra");
    expect(await rows(page)).toEqual(listed.filter((r) => r.startsWith("deepinfra:")));

    await page.locator('button[data-sort="ref"]').click();
    await page.locator('button[data-sort="ref"]').click();
    expect((await params(page)).get("sort")).toBe("ref");
    expect((await params(page)).get("dir")).toBe("desc");
    const deepinfra = listed.filter((r) => r.startsWith("deepinfra:"));
    expect(await rows(page)).toEqual([...deepinfra].sort().reverse());
    expect(await page.locator('th[aria-sort="descending"]').textContent()).toContain("Reference");

    await page.fill("#filter-text", "xss0000001");
    expect((await params(page)).get("q")).toBe("xss0000001");
    expect(await rows(page)).toEqual(["deepinfra:xss0000001"]);

    // A shared URL opens with the same rows.
    const shared = await browser.context.newPage();
    await shared.goto(new URL(`/?${await params(page)}`, ui.origin).href);
    await ready(shared);
    expect(await rows(shared)).toEqual(["deepinfra:xss0000001"]);
    expect(await shared.inputValue("#filter-text")).toBe("xss0000001");
    await shared.close();

    await page.goBack();
    expect((await params(page)).toString()).toBe("provider=deepinfra&sort=ref");
    expect(await rows(page)).toEqual([...deepinfra].sort());
    await page.goBack();
    expect((await params(page)).toString()).toBe("provider=deepinfra");
    await page.goBack();
    expect((await params(page)).toString()).toBe("");
    expect((await rows(page)).length).toBe(listed.length);
    await page.close();
  });

  it("renders a provider's string as text: the XSS name shows as its characters and never runs", async () => {
    const page = await open(browser.context, ui, "/?q=xss0000001");
    const cell = page.locator('tr[data-ref="deepinfra:xss0000001"] td').nth(2);
    expect(await cell.textContent()).toBe(XSS);
    expect(await page.locator("table img, table script").count()).toBe(0);
    await page.goto(new URL(`/deployment?ref=${encodeURIComponent("deepinfra:xss0000001")}`, ui.origin).href);
    await ready(page);
    expect(await page.locator("dl.fields").textContent()).toContain(XSS);
    expect(await page.locator("main img, main script").count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await page.close();
  });

  it("Deployment: the reference in full, its versions and its provider's verbs, and no control that changes anything", async () => {
    const page = await open(browser.context, ui);
    await page.locator('a[href^="/deployment"]', { hasText: "together:endpoint-d23901de" }).click();
    await ready(page);
    expect((await params(page)).get("ref")).toBe("together:endpoint-d23901de");
    expect(await page.locator("h1").textContent()).toBe("together:endpoint-d23901de");
    const fields = await page.locator("dl.fields").textContent();
    expect(fields).toContain("1-2");
    expect(fields).toContain("STARTED");
    expect(await page.locator(".verbs li.yes").allTextContents()).toContain("scale: yes");
    expect(await page.locator(".changes, form.action, button.verb").count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "deployment");
    await page.close();
  });

  it("Plan: the fleet file against the live fleet as plan prints it, cannot-items with their reason, no Apply", async () => {
    const page = await open(browser.context, ui, "/plan");
    expect(await page.locator("tr.kind-change").count()).toBe(1);
    expect(await page.locator('tr.kind-change[data-ref="together:endpoint-d23901de"]').textContent()).toContain("1-2");
    expect(await page.locator("tr.kind-no-op").count()).toBe(1);
    const cannot = page.locator('tr.kind-cannot[data-ref="opper-v2:f-1@r-9"]');
    expect(await cannot.textContent()).toMatch(/not found/);
    expect(await page.locator(".summary").textContent()).toContain("1 to change, 1 unchanged, 1 cannot be done");
    expect(await page.getByRole("button", { name: /apply/i }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "plan");
    await page.close();
  });

  it("Cost: rate per provider as bars, totals per provider and for the fleet, the idle deployments; the window in the URL", async () => {
    const page = await open(browser.context, ui, "/cost");
    const chart = page.getByRole("img", { name: "Rate per hour by provider" });
    expect(await chart.locator("text.chart-label").allTextContents()).toEqual(expect.arrayContaining(["deepinfra", "together", "baseten"]));
    expect(await chart.locator("text.chart-value").allTextContents()).toContain("$6.00/h");
    expect(await page.locator('table.totals tr[data-provider="deepinfra"]').textContent()).toContain("$14.84");
    expect(await page.locator('table.totals tr[data-provider="total"]').textContent()).toContain("Fleet");
    expect(await page.locator("table.idle tbody tr").evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-ref")))).toEqual([
      "deepinfra:fkj843kjh8",
    ]);
    expect(await page.locator(".summary").textContent()).toMatch(/^The fleet: \$[\d.,]+(-\$[\d.,]+)?\/h now \(\d unknown\)/);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "cost");
    await page.selectOption("#cost-window", "7d");
    await ready(page);
    expect((await params(page)).get("window")).toBe("7d");
    expect(await page.locator(".summary").textContent()).toContain("over 7d");
    await page.close();
  });

  it("refreshes on demand without rebuilding the filters: the typed text and the rows stay", async () => {
    const page = await open(browser.context, ui, "/?q=llama");
    const before = await rows(page);
    const requestsBefore = fake.requests.length;
    await page.locator("#filter-text").focus();
    await page.click("#refresh");
    await ready(page);
    expect(fake.requests.length).toBeGreaterThan(requestsBefore);
    expect(await rows(page)).toEqual(before);
    expect(await page.inputValue("#filter-text")).toBe("llama");
    await page.close();
  });

  it("answers 403 without the token, to a foreign Host, and to a change without the CSRF token; never a CORS header", async () => {
    const host = new URL(ui.url).host;
    const { cookie, csrf } = await login(ui, bodies);
    expect(cookie).toMatch(/^modelfleet_ui_127_0_0_1_\d+=[0-9a-f]{48}$/);
    expect(csrf).toMatch(/^[0-9a-f]{48}$/);

    const noToken = await rawRequest(ui.origin, "/api/session", { headers: { host } }, bodies);
    expect(noToken.status).toBe(403);
    const wrongToken = await rawRequest(ui.origin, "/?token=0000", { headers: { host } }, bodies);
    expect(wrongToken.status).toBe(403);
    const foreign = await rawRequest(
      ui.origin,
      "/api/session",
      { headers: { host: `attacker.example:${new URL(ui.origin).port}`, cookie } },
      bodies,
    );
    expect(foreign.status).toBe(403);
    const withToken = await rawRequest(ui.origin, "/api/session", { headers: { host, cookie, origin: "http://attacker.example" } }, bodies);
    expect(withToken.status).toBe(200);
    expect(JSON.parse(withToken.body)).toMatchObject({ allowChanges: false, hasPlan: true });
    for (const response of [noToken, foreign, withToken]) {
      expect(Object.keys(response.headers).filter((h) => h.startsWith("access-control-"))).toEqual([]);
      expect(response.headers["content-security-policy"]).toContain("script-src 'self'");
    }

    const body = JSON.stringify({ verb: "scale", ref: "together:endpoint-d23901de", min: 0, max: 9 });
    const json = { host, cookie, "content-type": "application/json" };
    expect((await rawRequest(ui.origin, "/api/action", { method: "POST", headers: json, body }, bodies)).status).toBe(403);
    // Even with every token: read-only.
    const readOnly = await rawRequest(
      ui.origin,
      "/api/action",
      { method: "POST", headers: { ...json, "x-csrf-token": csrf }, body },
      bodies,
    );
    expect(readOnly.status).toBe(403);
    expect(readOnly.body).toContain("--allow-changes");
    expect(fake.requests.filter((r) => r.method !== "GET")).toEqual([]);
  });
});

describe("modelfleet ui --allow-changes", SLOW_MACHINE, () => {
  let ui: RunningUi;
  const writes = () => fake.requests.filter((r: FakeRequest) => r.method !== "GET");
  beforeAll(async () => {
    ui = await startUi(["--fleet", fleetFile, "--allow-changes"], env);
    servers.push(ui);
  });

  it("a change without the CSRF token, or as a GET, is refused and sends nothing", async () => {
    const host = new URL(ui.url).host;
    const { cookie } = await login(ui, bodies);
    const body = JSON.stringify({ verb: "scale", ref: "together:endpoint-d23901de", min: 0, max: 9 });
    const headers = { host, cookie, "content-type": "application/json" };
    expect((await rawRequest(ui.origin, "/api/action", { method: "POST", headers, body }, bodies)).status).toBe(403);
    expect((await rawRequest(ui.origin, "/api/action", { headers: { host, cookie } }, bodies)).status).toBe(405);
    expect(writes()).toEqual([]);
  });

  it("scales one deployment through the dialog: Cancel sends nothing, Confirm exactly one PATCH", async () => {
    const page = await open(browser.context, ui, `/deployment?ref=${encodeURIComponent("together:endpoint-d23901de")}`);
    await page.fill("#scale-min", "2");
    await page.fill("#scale-max", "5");
    await page.getByRole("button", { name: "Scale…" }).click();
    const dialog = page.getByRole("dialog");
    expect(await dialog.textContent()).toContain("from 1-2 to 2-5");
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "scale-dialog");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    expect(await page.locator(".message").textContent()).toContain("Cancelled");
    expect(writes()).toEqual([]);

    await page.getByRole("button", { name: "Scale…" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Confirm" }).click();
    await page.locator(".message", { hasText: "scale done" }).waitFor();
    await ready(page);
    expect(writes()).toHaveLength(1);
    expect(writes()[0]).toMatchObject({
      method: "PATCH",
      provider: "together",
      path: "/endpoints/endpoint-d23901de",
      body: { autoscaling: { min_replicas: 2, max_replicas: 5 } },
    });
    expect(await page.locator("dl.fields").textContent()).toContain("2-5");
    await page.close();
  });

  it("applies the plan through a dialog that names every change, and shows apply's result per reference", async () => {
    const page = await open(browser.context, ui, "/plan");
    const before = writes().length;
    await page.getByRole("button", { name: "Apply…" }).click();
    const dialog = page.getByRole("dialog");
    expect(await dialog.locator("li").allTextContents()).toEqual([expect.stringMatching(/^together:endpoint-d23901de: .*2-5.*1-3/)]);
    await screenshot(page, "apply-dialog");
    await dialog.getByRole("button", { name: "Apply 1 change" }).click();
    await page.locator("text=Apply: 1 applied").waitFor();
    await ready(page);
    expect(await page.locator("tr.outcome-applied").textContent()).toContain("together:endpoint-d23901de");
    expect(writes().slice(before)).toEqual([
      expect.objectContaining({ method: "PATCH", body: { autoscaling: { min_replicas: 1, max_replicas: 3 } } }),
    ]);
    expect(await page.locator(".summary").first().textContent()).toContain("0 to change");
    await screenshot(page, "applied");
    await page.close();
  });
});

describe("no secret reaches the browser", () => {
  it("no key and no sensitive field in any response body, and none in the server's output", async () => {
    await Promise.all(pending);
    expect(bodies.length).toBeGreaterThan(20);
    const all = bodies.join("\n");
    for (const key of Object.values(KEYS)) expect(all).not.toContain(key);
    expect(all).not.toContain(ECHOED_TOKEN);
    expect(all).not.toContain("SECRET");
    for (const server of servers) for (const key of Object.values(KEYS)) expect(server.output()).not.toContain(key);
  });
});
