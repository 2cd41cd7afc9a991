import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Diagnostic } from "../src/diagnostics.js";
import { diffSpecs } from "../src/diff/command.js";
import { generate } from "../src/generate/generate.js";
import { BIN, ensureBuilt, FIXTURES, gitIn, makeRepoLayout, REPO_ROOT, removeTemps, run, runCli, tempDir } from "./helpers.js";

// A vendor document says nothing about paging and is never edited: the sidecar's `pagination` map declares it.

const DOCUMENT = join(FIXTURES, "vendor", "paged-lists.yaml");
const RUNTIME = join(REPO_ROOT, "packages", "runtime");
const SIDECAR = "specs/harbor.modelfleet.yaml";
const GENERATED = join("packages", "harbor", "src", "generated");

/** Keyed by operationId as the document writes it (FastAPI style), or as derived (`GET /runs` has none). */
const PAGINATION = `pagination:
  list_datasets_datasets_get:
    style: cursor
    items: /datasets
    cursor: page_token
    limit: page_size
    next: /next_page_token
  getRuns:
    style: next-url
    items: /results
    next: /next
    limit: limit
`;

let root: string;
let imported: { code: number; stdout: string; stderr: string };
let sidecarAsWritten: string;

beforeAll(async () => {
  ensureBuilt();
  if (!existsSync(join(RUNTIME, "dist", "index.d.ts"))) execFileSync("npx", ["tsup"], { cwd: RUNTIME, stdio: "pipe" });
  root = await makeRepoLayout();
  imported = await runCli(["import", DOCUMENT, "--name", "harbor", "--verbose"], root);
  sidecarAsWritten = await readFile(join(root, SIDECAR), "utf8");
});
afterAll(removeTemps);

const read = (file: string) => readFile(join(root, file), "utf8");
const writeSidecar = (pagination: string) => writeFile(join(root, SIDECAR), `${sidecarAsWritten}${pagination}`);

/** A `fetch` that answers each request with the next of `pages` and records every request's URL. */
function pagedFetch(pages: unknown[]) {
  const urls: string[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    urls.push(request.url);
    const body = pages[urls.length - 1];
    if (body === undefined) return new Response(JSON.stringify({ message: "no such page" }), { status: 404 });
    return new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });
  };
  return { fetch, urls };
}

describe("import: pagination declared in the sidecar", () => {
  it("an import that declares none is green and unattended: no iterators, no pagination finding", async () => {
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stderr).not.toMatch(/ error |pagination/);
    expect(sidecarAsWritten).not.toContain("pagination:");
    const client = await read(join(GENERATED, "client.ts"));
    expect(client).toContain("  listDatasets(params?: HarborListDatasetsParams");
    expect(client).not.toMatch(/Pages\(|All\(/);
  });

  it("editing only the sidecar makes --check stale; generate then writes typed iterators and the descriptors", async () => {
    const document = await read("specs/harbor.vendor.yaml");
    await writeSidecar(PAGINATION);
    const check = await runCli(["generate", "--check"], root);
    expect(check.code).toBe(1);
    expect(`${check.stdout}${check.stderr}`).toContain(`stale: ${join(GENERATED, "client.ts")}`);
    const generated = await runCli(["generate"], root);
    expect(generated.code, generated.stderr).toBe(0);
    expect(generated.stdout).toContain(`${SIDECAR} -> packages/harbor:`);
    expect(generated.stdout).not.toContain("skipped");
    // The vendor's document is untouched.
    expect(await read("specs/harbor.vendor.yaml")).toBe(document);

    const client = await read(join(GENERATED, "client.ts"));
    expect(client).toContain(
      'export type HarborListDatasetsItem = NonNullable<NonNullable<operations["listDatasets"]["responses"][200]["content"]["application/json"]>["datasets"]>[number];',
    );
    expect(client).toContain(
      "  listDatasetsPages(params?: HarborListDatasetsParams, options?: PaginateOptions): AsyncGenerator<Page<HarborListDatasetsResult, HarborListDatasetsItem>, void, undefined>;",
    );
    expect(client).toContain(
      "  listDatasetsAll(params?: HarborListDatasetsParams, options?: PaginateOptions): AsyncGenerator<HarborListDatasetsItem, void, undefined>;",
    );
    expect(client).toContain("  getRunsPages(params?: HarborGetRunsParams, options?: PaginateOptions)");
    expect(client).toContain(
      "  getRunsAll(params?: HarborGetRunsParams, options?: PaginateOptions): AsyncGenerator<HarborGetRunsItem, void, undefined>;",
    );
    const provider = await read(join(GENERATED, "provider.ts"));
    expect(provider).toContain(
      '"pagination":{"style":"cursor","items":"/datasets","cursor":"page_token","limit":"page_size","defaultLimit":2,"next":"/next_page_token"}',
    );
    expect(provider).toContain('"pagination":{"style":"next-url","items":"/results","limit":"limit","next":"/next"}');

    const again = await runCli(["generate", "--check"], root);
    expect(again.code, again.stdout).toBe(0);
    const skipped = await runCli(["generate"], root);
    expect(skipped.stdout).toContain("up to date (unchanged, skipped)");
  });

  it("the package builds and type-checks, and its iterators page through a vendor's lists end to end", async () => {
    const dir = join(root, "packages", "harbor");
    // Items are typed from the vendor document's schemas.
    await writeFile(
      join(dir, "src", "paging-types.ts"),
      `import { createHarborClient } from "./generated/index.js";
const client = createHarborClient({ apiKey: "k" });
export async function names(): Promise<string[]> {
  const out: string[] = [];
  for await (const dataset of client.listDatasetsAll({ owner: "me" })) out.push(dataset.name);
  return out;
}
export async function statuses(): Promise<Array<"queued" | "running" | "done">> {
  const out: Array<"queued" | "running" | "done"> = [];
  for await (const page of client.getRunsPages({ status: "done" })) for (const r of page.items) out.push(r.status);
  return out;
}
export async function wrong(): Promise<void> {
  // @ts-expect-error a dataset has no status
  for await (const dataset of client.listDatasetsAll()) void dataset.status;
}
`,
    );
    const build = await run(process.execPath, [BIN.tsup], dir);
    expect(build.code, build.stderr).toBe(0);
    await writeFile(join(root, "tsconfig.json"), JSON.stringify({ extends: "./tsconfig.base.json", include: ["packages/harbor/src"] }));
    const typecheck = await run(process.execPath, [BIN.tsc, "--noEmit", "--pretty", "false"], root);
    expect(`${typecheck.stdout}${typecheck.stderr}`).toBe("");
    const smoke = await run(process.execPath, [BIN.vitest, "run", "packages/harbor"], root, { CI: "true", NO_COLOR: "1" });
    expect(smoke.code, `${smoke.stdout}${smoke.stderr}`).toBe(0);

    const { createHarborClient } = (await import(pathToFileURL(join(dir, "dist", "index.js")).href)) as {
      createHarborClient(options: object): Record<string, (params?: object) => AsyncGenerator<Record<string, unknown>>>;
    };
    const baseUrl = "http://127.0.0.1:4010/v2";

    // Cursor (page token): the token of each page is sent as page_token, until a page has none.
    const datasets = pagedFetch([
      {
        datasets: [
          { id: "d1", name: "alpha" },
          { id: "d2", name: "beta" },
        ],
        next_page_token: "tok-2",
      },
      { datasets: [{ id: "d3", name: "gamma" }], next_page_token: null },
    ]);
    const client = createHarborClient({ apiKey: "k", baseUrl, fetch: datasets.fetch });
    const all: unknown[] = [];
    for await (const dataset of client.listDatasetsAll?.({ owner: "me" }) ?? []) all.push(dataset);
    expect(all).toEqual([
      { id: "d1", name: "alpha" },
      { id: "d2", name: "beta" },
      { id: "d3", name: "gamma" },
    ]);
    expect(datasets.urls).toEqual([`${baseUrl}/datasets?owner=me`, `${baseUrl}/datasets?owner=me&page_token=tok-2`]);

    // Next URL: each page's `next` is requested as given (under the base URL), until it is null.
    const runs = pagedFetch([
      {
        results: [
          { id: "r1", status: "done" },
          { id: "r2", status: "done" },
        ],
        next: `${baseUrl}/runs?status=done&limit=2&after=r2`,
      },
      { results: [{ id: "r3", status: "done" }], next: null },
    ]);
    const runsClient = createHarborClient({ apiKey: "k", baseUrl, fetch: runs.fetch });
    const pages: Array<{ number: unknown; items: unknown }> = [];
    for await (const page of runsClient.getRunsPages?.({ status: "done", limit: 2 }) ?? [])
      pages.push({ number: page.number, items: page.items });
    expect(pages).toEqual([
      {
        number: 1,
        items: [
          { id: "r1", status: "done" },
          { id: "r2", status: "done" },
        ],
      },
      { number: 2, items: [{ id: "r3", status: "done" }] },
    ]);
    expect(runs.urls).toEqual([`${baseUrl}/runs?status=done&limit=2`, `${baseUrl}/runs?status=done&limit=2&after=r2`]);
  });

  it("re-importing a newer document keeps the sidecar's pagination and the iterators", async () => {
    const newer = join(await tempDir(), "harbor-2.5.yaml");
    const text = (await readFile(DOCUMENT, "utf8")).replace('version: "2.4.0"', 'version: "2.5.0"');
    await writeFile(newer, text);
    const before = await read(SIDECAR);
    expect(before).toContain("pagination:");
    const again = await runCli(["import", newer, "--name", "harbor"], root);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain(`${SIDECAR}: kept`);
    expect(await read(SIDECAR)).toBe(before);
    expect(await read("specs/harbor.vendor.yaml")).toBe(text);
    const client = await read(join(GENERATED, "client.ts"));
    expect(client).toContain("  listDatasetsAll(");
    expect(client).toContain("  getRunsAll(");

    // A newer document without the operation an entry names: the import fails at the entry, and leaves all as it was.
    const withoutRuns = join(await tempDir(), "harbor-3.0.yaml");
    await writeFile(withoutRuns, text.replace(/\n {2}\/runs:\n[\s\S]*?(?=\n {2}\/runs\/\{run_id\}:)/, ""));
    expect(await readFile(withoutRuns, "utf8")).not.toContain("  /runs:");
    const refused = await runCli(["import", withoutRuns, "--name", "harbor"], root);
    expect(refused.code).toBe(1);
    const line = before.split("\n").indexOf("  getRuns:") + 1;
    expect(refused.stderr).toContain(
      `${SIDECAR}:${line}:3 error modelfleet/pagination-operation: pagination.getRuns names no operation of harbor.vendor.yaml`,
    );
    expect(refused.stderr).toContain("nothing imported");
    expect(await read("specs/harbor.vendor.yaml")).toBe(text);
    expect(await read(SIDECAR)).toBe(before);
    expect(await read(join(GENERATED, "client.ts"))).toBe(client);
  });
});

/** Each mistake in the sidecar's pagination and the diagnostics it must give, all located in the sidecar. */
const MISTAKES: Record<string, { pagination: string; codes: string[]; pointer: string; at: string; message: RegExp; help: RegExp }> = {
  "the generated method name instead of the operationId": {
    pagination:
      "pagination:\n  listDatasets:\n    style: cursor\n    items: /datasets\n    cursor: page_token\n    next: /next_page_token\n",
    codes: ["modelfleet/pagination-operation"],
    pointer: "#/pagination/listDatasets",
    at: "  listDatasets:",
    message: /pagination\.listDatasets names no operation of harbor\.vendor\.yaml/,
    help: /generated method name; key the entry by the operationId as the document writes it: `list_datasets_datasets_get`/,
  },
  "an unknown operationId": {
    pagination: "pagination:\n  listJobs: false\n",
    codes: ["modelfleet/pagination-operation"],
    pointer: "#/pagination/listJobs",
    at: "  listJobs:",
    message: /names no operation/,
    help: /list_datasets_datasets_get, create_dataset_datasets_post, getRuns, getRun/,
  },
  "an operation the client leaves out": {
    pagination: "pagination:\n  listEvents: false\n",
    codes: ["modelfleet/pagination-operation"],
    pointer: "#/pagination/listEvents",
    at: "  listEvents:",
    message: /leaves out: GET \/events is skipped: a WebSocket upgrade/,
    help: /remove the entry/,
  },
  "an excluded operation": {
    pagination: "exclude: [getRuns]\npagination:\n  getRuns:\n    style: next-url\n    items: /results\n    next: /next\n",
    codes: ["modelfleet/pagination-operation"],
    pointer: "#/pagination/getRuns",
    at: "  getRuns:",
    message: /GET \/runs is skipped: excluded by the sidecar/,
    help: /remove the entry/,
  },
  "a POST": {
    pagination: "pagination:\n  create_dataset_datasets_post:\n    style: next-url\n    items: /datasets\n    next: /name\n",
    codes: ["modelfleet/pagination-method", "modelfleet/pagination-pointer"],
    pointer: "#/pagination/create_dataset_datasets_post",
    at: "  create_dataset_datasets_post:",
    message: /POST \/datasets declares pagination\.create_dataset_datasets_post, but only GET operations can be paged/,
    help: /move the entry to the GET list operation/,
  },
  "a parameter the operation does not have": {
    pagination: "pagination:\n  getRuns:\n    style: next-url\n    items: /results\n    next: /next\n    limit: page_size\n",
    codes: ["modelfleet/pagination-parameter"],
    pointer: "#/pagination/getRuns/limit",
    at: "    limit: page_size",
    message: /pagination\.getRuns\.limit names "page_size", which is not a query parameter of getRuns/,
    help: /status, limit/,
  },
  "items not declared by the response": {
    pagination: "pagination:\n  getRuns:\n    style: next-url\n    items: /data\n    next: /next\n",
    codes: ["modelfleet/pagination-pointer"],
    pointer: "#/pagination/getRuns/items",
    at: "    items: /data",
    message: /pagination\.getRuns\.items "\/data" is not declared by the success response's schema/,
    help: /property the response schema declares/,
  },
  "a GET that returns one object, not a list": {
    pagination: 'pagination:\n  getRun:\n    style: next-url\n    items: ""\n    next: /id\n',
    codes: ["modelfleet/pagination-pointer"],
    pointer: "#/pagination/getRun/items",
    at: '    items: ""',
    message: /pagination\.getRun\.items "" is not an array in the success response's schema/,
    help: /array of items/,
  },
  "a key of another style": {
    pagination: "pagination:\n  getRuns:\n    style: next-url\n    items: /results\n    next: /next\n    offset: limit\n",
    codes: ["modelfleet/pagination-key"],
    pointer: "#/pagination/getRuns/offset",
    at: "    offset: limit",
    message: /pagination\.getRuns\.offset is not a key of the next-url style/,
    help: /remove it/,
  },
  "a value that is not a mapping": {
    pagination: "pagination:\n  getRuns: next-url\n",
    codes: ["modelfleet/pagination-shape"],
    pointer: "#/pagination/getRuns",
    at: "  getRuns: next-url",
    message: /pagination\.getRuns must be a mapping \(or `false` for a list returned whole\), found "next-url"/,
    help: /style: offset/,
  },
  "a pagination that is not a map": {
    pagination: "pagination: [getRuns]\n",
    codes: ["modelfleet/sidecar"],
    pointer: "#/pagination",
    at: "pagination:",
    message: /pagination must map operationIds to pagination declarations/,
    help: /pagination: \{listJobs:/,
  },
};

describe("import: mistakes in the sidecar's pagination", () => {
  it("an iterator taking another operation's name is a clash whose help names the sidecar's rename", async () => {
    await writeSidecar(`rename:\n  getRun: listDatasetsPages\n${PAGINATION}`);
    const [result] = await generate({ root, specs: [join(root, SIDECAR)] });
    const errors = (result?.diagnostics ?? []).filter((d) => d.severity === "error");
    expect(errors.map((d) => [d.code, d.message])).toEqual([
      ["modelfleet/method-name-clash", "operationIds listDatasets, listDatasetsPages all become the method name listDatasetsPages"],
    ]);
    expect(errors[0]?.help).toBe("give one of the operations another method name with `rename: {<operationId>: <name>}` in the sidecar");
    expect(result?.output).toBeUndefined();
  });

  it.each(Object.entries(MISTAKES))("%s: reported at the sidecar's line with pointer and help; nothing written", async (_name, c) => {
    const client = await read(join(GENERATED, "client.ts"));
    await writeSidecar(c.pagination);
    const [result] = await generate({ root, specs: [join(root, SIDECAR)] });
    const errors = (result?.diagnostics ?? []).filter((d) => d.severity === "error");
    expect(errors.map((d) => d.code).sort()).toEqual([...c.codes].sort());
    const text = await read(SIDECAR);
    const line = text.split("\n").findIndex((l) => l.startsWith(c.at)) + 1;
    expect(line).toBeGreaterThan(0);
    for (const d of errors) {
      expect(d.file).toBe(SIDECAR);
      expect(d.pointer?.startsWith(c.pointer)).toBe(true);
      expect(d.column).toBeTypeOf("number");
    }
    const [first] = errors.filter((d) => d.code === c.codes[0]) as [Diagnostic];
    expect(first.pointer).toBe(c.pointer);
    expect(first.line).toBe(line);
    expect(first.message).toMatch(c.message);
    expect(first.help).toMatch(c.help);
    expect(result?.output).toBeUndefined();
    expect(await read(join(GENERATED, "client.ts"))).toBe(client);
  });

  it("the CLI prints them as file:line:col with the pointer and help, and exits 1", async () => {
    await writeSidecar(MISTAKES["a parameter the operation does not have"]?.pagination ?? "");
    const failed = await runCli(["generate"], root);
    expect(failed.code).toBe(1);
    const line = (await read(SIDECAR)).split("\n").indexOf("    limit: page_size") + 1;
    expect(failed.stderr).toContain(
      `${SIDECAR}:${line}:12 error modelfleet/pagination-parameter: pagination.getRuns.limit names "page_size"`,
    );
    expect(failed.stderr).toContain("  at #/pagination/getRuns/limit");
    expect(failed.stderr).toContain("  help: name one of its query parameters (status, limit)");
    await writeSidecar(PAGINATION);
  });
});

describe("diff: a change to the sidecar's pagination", () => {
  it("is judged like the extension's and reported at the entry in the sidecar, under the sidecar's package", async () => {
    await writeSidecar(PAGINATION);
    await gitIn(root, "init", "-q");
    await gitIn(root, "add", "specs");
    await gitIn(root, "commit", "-q", "-m", "imported");
    const unchanged = await diffSpecs({ root });
    expect(unchanged.specs.map((s) => [s.spec, s.packageName, s.status])).toEqual([
      ["specs/harbor.modelfleet.yaml", "@modelfleet/harbor", "unchanged"],
      ["specs/harbor.vendor.yaml", "@modelfleet/harbor", "unchanged"],
    ]);

    // getRuns set to false, the datasets' items moved, getRun declared returned whole.
    await writeSidecar(
      `${PAGINATION.replace("    items: /datasets\n", "    items: /datasets/0/rows\n").replace(/ {2}getRuns:\n(?: {4}.*\n)+/, "  getRuns: false\n")}  getRun: false\n`,
    );
    const text = await read(SIDECAR);
    const lineOf = (start: string) => text.split("\n").findIndex((l) => l.startsWith(start)) + 1;
    const { specs, errors } = await diffSpecs({ root });
    expect(errors).toEqual([]);
    const sidecar = specs.find((s) => s.spec === SIDECAR);
    expect(sidecar?.status).toBe("unchanged");
    const document = specs.find((s) => s.spec === "specs/harbor.vendor.yaml");
    expect(document?.packageName).toBe("@modelfleet/harbor");
    expect(document?.highest).toBe("breaking");
    expect(document?.changes.map((c) => [c.code, c.types, c.file, c.line, c.pointer, c.operations])).toEqual([
      [
        "pagination-items-changed",
        "breaking",
        SIDECAR,
        lineOf("    items: /datasets/0/rows"),
        "#/pagination/list_datasets_datasets_get/items",
        ["GET /datasets"],
      ],
      ["pagination-removed", "breaking", SIDECAR, lineOf("  getRuns: false"), "#/pagination/getRuns", ["GET /runs"]],
      ["extension-changed", "fix", SIDECAR, lineOf("  getRun: false"), "#/pagination/getRun", ["GET /runs/{run_id}"]],
    ]);
    expect(document?.changes.map((c) => c.message)).toEqual([
      '`pagination.list_datasets_datasets_get.items` "/datasets" → "/datasets/0/rows"',
      "`pagination.getRuns` set to false: iterators removed",
      "`pagination.getRun` null → false",
    ]);
    // Asked for the sidecar alone, diff compares its document too.
    const alone = await diffSpecs({ root, specs: [SIDECAR] });
    expect(alone.specs.map((s) => [s.spec, s.changes.length])).toEqual([
      [SIDECAR, 0],
      ["specs/harbor.vendor.yaml", 3],
    ]);
    await writeSidecar(PAGINATION);
  });
});
