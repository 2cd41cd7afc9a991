import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { conformAll } from "../src/conform/all.js";
import { importDocument } from "../src/import/import-document.js";
import { type SyncOptions, syncUpstreams } from "../src/sync/sync.js";
import { FIXTURES, gitIn, makeRepoLayout, REPO_ROOT, removeTemps, runCli } from "./helpers.js";

const RUNTIME = join(REPO_ROOT, "packages", "runtime");
const LOCK = "upstream.lock.json";
const sha = (text: string) => createHash("sha256").update(text).digest("hex");

/** What the loopback server answers for one document path; swapped by each test. */
type Route = (res: ServerResponse) => void;
const routes = new Map<string, Route>();
/** Every request's headers, to show no credential is ever sent. */
const received: Array<Record<string, unknown>> = [];
const serve =
  (text: string, type = "application/yaml"): Route =>
  (res) => {
    res.writeHead(200, { "content-type": type });
    res.end(text);
  };

let server: Server;
let origin: string;
let root: string;
let acmeV1: string;
let acmeV2: string;
let widgetsV1: string;
let widgetsV2: string;

const sync = (options: Partial<SyncOptions> = {}) =>
  syncUpstreams({ root, ...options, fetch: { allowLoopbackHttp: true, timeoutMs: 10_000, maxBytes: 64 * 1024, ...options.fetch } });
const lockText = () => readFile(join(root, LOCK), "utf8");
const status = () => gitIn(root, "status", "--porcelain");

beforeAll(async () => {
  if (!existsSync(join(RUNTIME, "dist", "index.d.ts"))) execFileSync("npx", ["tsup"], { cwd: RUNTIME, stdio: "pipe" });
  server = createServer((req, res) => {
    received.push(req.headers);
    const route = routes.get(req.url ?? "");
    if (route) route(res);
    else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  // Two versions of each vendor-style document. acme v2: promote requires a `reason` (an operation our spec uses)
  // and restart answers 200 (one it does not use).
  acmeV1 = await readFile(join(FIXTURES, "conform", "vendor-acme.yaml"), "utf8");
  const v2 = parse(acmeV1);
  v2.components.schemas.PromoteRequest.required.push("reason");
  v2.components.schemas.PromoteRequest.properties.reason = { type: "string", title: "Reason" };
  v2.paths["/deployments/{deployment_id}/restart"].post.responses = { "200": { description: "Restarted" } };
  acmeV2 = stringify(v2);
  widgetsV1 = await readFile(join(FIXTURES, "sync", "widgets-v1.json"), "utf8");
  widgetsV2 = await readFile(join(FIXTURES, "sync", "widgets-v2.json"), "utf8");
  routes.set("/acme/openapi.yaml", serve(acmeV1));
  routes.set("/widgets/openapi.json", serve(widgetsV1, "application/json"));

  root = await makeRepoLayout();
  await writeFile(join(root, ".gitignore"), "node_modules\n");
  // A hand-written spec using promote, recording its upstream.
  const acme = parse(await readFile(join(FIXTURES, "conform", "pairs", "request-body-not-required", "fixed.yaml"), "utf8"));
  acme.info["x-modelfleet"].upstream = { url: `${origin}/acme/openapi.yaml` };
  await writeFile(join(root, "specs", "acme.yaml"), stringify(acme));
  // An imported package at 1.0.0, its sidecar recording its upstream.
  const imported = await importDocument({ root, file: join(FIXTURES, "sync", "widgets-v1.json"), id: "widgets" });
  expect(imported.result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  await writeFile(
    join(root, "specs", "widgets.modelfleet.yaml"),
    `${await readFile(join(root, "specs", "widgets.modelfleet.yaml"), "utf8")}upstream:\n  url: ${origin}/widgets/openapi.json\n`,
  );
  const pkgFile = join(root, "packages", "widgets", "package.json");
  await writeFile(pkgFile, JSON.stringify({ ...JSON.parse(await readFile(pkgFile, "utf8")), version: "1.0.0" }, null, 2));
  await gitIn(root, "init", "-q", "-b", "main");
  await gitIn(root, "add", "-A");
  await gitIn(root, "commit", "-qm", "initial");
}, 300_000);

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await removeTemps();
});

describe("sync", () => {
  it("records each upstream document's sha256 in the lock file", async () => {
    const entries = await sync();
    expect(entries.map((e) => [e.id, e.kind, e.status, e.error])).toEqual([
      ["acme", "hand-written", "new", undefined],
      ["widgets", "imported", "new", undefined],
    ]);
    expect(JSON.parse(await lockText())).toEqual({
      acme: { url: `${origin}/acme/openapi.yaml`, sha256: sha(acmeV1) },
      widgets: { url: `${origin}/widgets/openapi.json`, sha256: sha(widgetsV1) },
    });
    // No credential of any kind went out with the downloads.
    expect(received.length).toBeGreaterThanOrEqual(2);
    for (const headers of received)
      expect(Object.keys(headers).filter((h) => /^(authorization|cookie|proxy-authorization|x-api-key)$/.test(h))).toEqual([]);
    // The same document re-imported: nothing for diff to see, no changeset.
    expect(entries[1]?.diff?.changes).toEqual([]);
    expect(existsSync(join(root, ".changeset"))).toBe(false);
    await gitIn(root, "add", "-A");
    await gitIn(root, "commit", "-qm", "lock");
  });

  it("a second run with nothing changed upstream is a no-op", async () => {
    const before = await lockText();
    const entries = await sync();
    expect(entries.map((e) => e.status)).toEqual(["unchanged", "unchanged"]);
    expect(await lockText()).toBe(before);
    expect(await status()).toBe("");
  });

  it("--check reports a changed upstream and writes nothing", async () => {
    routes.set("/widgets/openapi.json", serve(widgetsV2, "application/json"));
    const entries = await sync({ check: true });
    expect(entries.map((e) => [e.id, e.status, e.previous, e.sha256])).toEqual([
      ["acme", "unchanged", sha(acmeV1), sha(acmeV1)],
      ["widgets", "changed", sha(widgetsV1), sha(widgetsV2)],
    ]);
    expect(await status()).toBe("");
  });

  it("a breaking change in an imported package re-imports it, regenerates its types and writes a major changeset", async () => {
    const entries = await sync({ ids: ["widgets"] });
    const widgets = entries[0];
    expect([widgets?.id, widgets?.status, widgets?.diff?.highest]).toEqual(["widgets", "changed", "breaking"]);
    expect(await readFile(join(root, "specs", "widgets.vendor.json"), "utf8")).toBe(widgetsV2);
    const client = await readFile(join(root, "packages", "widgets", "src", "generated", "client.ts"), "utf8");
    expect([...client.matchAll(/^ {2}(\w+)\(params/gm)].map((m) => m[1])).toEqual(["listWidgets"]);
    const changeset = await readFile(join(root, ".changeset", "widgets-spec-changes.md"), "utf8");
    expect(changeset).toMatch(/^---\n"@modelfleet\/widgets": major\n---/);
    expect(JSON.parse(await lockText()).widgets.sha256).toBe(sha(widgetsV2));
    await gitIn(root, "add", "-A");
    await gitIn(root, "commit", "-qm", "widgets v2");
  });

  it("a change in an operation a hand-written spec uses is reported by conform with its pointer, and listed; the spec is not edited", async () => {
    const spec = await readFile(join(root, "specs", "acme.yaml"), "utf8");
    routes.set("/acme/openapi.yaml", serve(acmeV2));
    const [acme] = await sync({ ids: ["acme"] });
    expect(acme?.status).toBe("changed");
    expect(acme?.conform?.diagnostics.map((d) => [d.code, d.pointer, d.related?.pointer])).toEqual([
      [
        "conform/request-property-missing",
        "#/paths/~1deployments~1{deployment_id}~1promote/post/requestBody/content/application~1json/schema",
        "#/components/schemas/PromoteRequest/properties/reason",
      ],
    ]);
    // What changed upstream, restricted to the operations we use: restart's change is not listed.
    const used = acme?.usedChanges ?? [];
    expect(used.length).toBeGreaterThan(0);
    for (const change of used) expect(change.operations).toContain("POST /deployments/{deployment_id}/promote");
    expect(used.some((c) => c.pointer.startsWith("#/components/schemas/PromoteRequest"))).toBe(true);
    expect(used.flatMap((c) => c.operations)).not.toContain("POST /deployments/{deployment_id}/restart");
    expect(await readFile(join(root, "specs", "acme.yaml"), "utf8")).toBe(spec);
    expect(JSON.parse(await lockText()).acme.sha256).toBe(sha(acmeV2));
    await gitIn(root, "add", "-A");
    await gitIn(root, "commit", "-qm", "acme v2");
  });

  const failures: Array<[string, Route, Partial<SyncOptions["fetch"]>, string]> = [
    [
      "a redirect to another origin",
      (res) => {
        res.writeHead(302, { location: `${origin.replace("127.0.0.1", "localhost")}/acme/openapi.yaml` });
        res.end();
      },
      {},
      "sync/cross-origin-redirect",
    ],
    [
      "an oversized body (streamed, no length announced)",
      (res) => {
        res.writeHead(200, { "content-type": "application/yaml" });
        res.end(`openapi: 3.1.0\n${"# padding\n".repeat(10_000)}`);
      },
      {},
      "sync/too-large",
    ],
    [
      "an oversized body announced by its length",
      (res) => {
        res.writeHead(200, { "content-type": "application/yaml", "content-length": String(1024 * 1024) });
        res.write("openapi: 3.1.0\n");
      },
      {},
      "sync/too-large",
    ],
    ["a server that never answers", () => {}, { timeoutMs: 300 }, "sync/timeout"],
    [
      "an error status",
      (res) => {
        res.writeHead(503);
        res.end("busy");
      },
      {},
      "sync/http-status",
    ],
    [
      "a redirect loop",
      (res) => {
        res.writeHead(302, { location: "/acme/openapi.yaml" });
        res.end();
      },
      {},
      "sync/too-many-redirects",
    ],
    ["a body that is neither JSON nor YAML", serve('{"openapi": "3.1.0", "paths": {', "application/json"), {}, "sync/not-a-document"],
  ];

  it.each(failures)(
    "%s ends in its own error, leaves the lock as it was, and the other documents are still synced",
    async (_, route, fetch, code) => {
      const before = await lockText();
      routes.set("/acme/openapi.yaml", route);
      const entries = await sync({ fetch });
      expect(entries.map((e) => [e.id, e.status, e.error?.code])).toEqual([
        ["acme", "failed", code],
        ["widgets", "unchanged", undefined],
      ]);
      expect(entries[0]?.error?.message).toContain(`${origin}/acme/openapi.yaml`);
      expect(await lockText()).toBe(before);
      expect(await status()).toBe("");
    },
  );

  it("a same-origin redirect is followed", async () => {
    routes.set("/acme/openapi.yaml", (res) => {
      res.writeHead(301, { location: "/acme/v2.yaml" });
      res.end();
    });
    routes.set("/acme/v2.yaml", serve(acmeV2));
    expect((await sync({ ids: ["acme"] })).map((e) => e.status)).toEqual(["unchanged"]);
    routes.set("/acme/openapi.yaml", serve(acmeV2));
  });

  it("conform --all compares each hand-written spec with the document its upstream serves now; an imported one is skipped", async () => {
    const outcomes = await conformAll({ root, cwd: root, fetch: { allowLoopbackHttp: true } });
    expect(
      outcomes.map((o) => ("report" in o ? [o.spec, o.report.counts.findings] : [o.spec, "skipped" in o ? "skipped" : o.error])),
    ).toEqual([
      ["specs/acme.yaml", 1],
      ["specs/widgets.modelfleet.yaml", "skipped"],
    ]);
    const cli = await runCli(["conform", "--all"], root);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toMatch(/^specs\/acme\.yaml: sync\/insecure-url: /);
  });

  it("http is refused unless a test allows loopback explicitly; the command line never does (exit 2, lock untouched)", async () => {
    const before = await lockText();
    const entries = await syncUpstreams({ root, check: true });
    expect(entries.map((e) => e.error?.code)).toEqual(["sync/insecure-url", "sync/insecure-url"]);
    const cli = await runCli(["sync", "--check"], root);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toMatch(
      /specs\/acme\.yaml: sync\/insecure-url: http:\/\/127\.0\.0\.1:\d+\/acme\/openapi\.yaml: only https URLs are downloaded/,
    );
    expect(cli.stdout).toMatch(
      /^## Upstream API documents\n\n- \*\*acme\*\* \(hand-written, http:\/\/127\.0\.0\.1:\d+\/acme\/openapi\.yaml\): failed: /,
    );
    expect(await lockText()).toBe(before);
  });

  it("--spec takes an id or a spec file; an unknown one is a usage error (exit 2)", async () => {
    const byFile = await runCli(["sync", "--check", "--spec", "specs/widgets.modelfleet.yaml"], root);
    expect(byFile.stdout).toMatch(/^## Upstream API documents\n\n- \*\*widgets\*\* [^\n]*\n$/);
    const cli = await runCli(["sync", "--spec", "nope"], root);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toContain('no spec "nope" records an upstream document (specs: acme, widgets)');
  });
});
