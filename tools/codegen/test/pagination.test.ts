import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Diagnostic } from "../src/diagnostics.js";
import { generate, type SpecResult } from "../src/generate/generate.js";
import { makeRepoLayout, removeTemps } from "./helpers.js";

/** A spec with one list operation whose `x-modelfleet-pagination` block is `extension` (YAML, indented by the caller). */
function spec(id: string, extension: string, method = "get"): string {
  return `openapi: 3.1.0
info:
  title: Pager API
  version: 1.0.0
  x-modelfleet:
    package: "@modelfleet/${id}"
    name: Pager
    envVar: PAGER_API_KEY
servers:
  - url: https://api.pager.example/v1
security:
  - bearerAuth: []
paths:
  /things:
    ${method}:
      operationId: listThings
      summary: List things
      parameters:
        - name: offset
          in: query
          schema: { type: integer }
        - name: limit
          in: query
          schema: { type: integer, default: 25 }
        - name: cursor
          in: query
          schema: { type: string }
        - name: page
          in: query
          schema: { type: integer }
${extension
  .split("\n")
  .map((line) => `      ${line}`)
  .join("\n")}
      responses:
        "200":
          description: One page.
          content:
            application/json:
              schema:
                $ref: "#/components/schemas/ThingPage"
components:
  securitySchemes:
    bearerAuth: { type: http, scheme: bearer }
  schemas:
    ThingPage:
      type: object
      required: [data]
      properties:
        data:
          type: array
          items: { $ref: "#/components/schemas/Thing" }
        meta:
          type: object
          properties:
            total: { type: integer }
        next:
          type: [string, "null"]
    Thing:
      type: object
      required: [id]
      properties:
        id: { type: string }
`;
}

/** Each malformed extension and the one diagnostic (code, pointer below the extension, help) it must give. */
const MALFORMED: Record<string, { extension: string; code: string; at: string; message: RegExp; help: RegExp; method?: string }> = {
  "not-a-mapping": {
    extension: "x-modelfleet-pagination: offset",
    code: "modelfleet/pagination-shape",
    at: "",
    message: /must be a mapping/,
    help: /style: offset/,
  },
  "unknown-style": {
    extension: "x-modelfleet-pagination:\n  style: infinite\n  items: /data",
    code: "modelfleet/pagination-style",
    at: "/style",
    message: /one of offset, page, cursor, next-url/,
    help: /next-url/,
  },
  "missing-key": {
    extension: "x-modelfleet-pagination:\n  style: cursor\n  items: /data\n  cursor: cursor",
    code: "modelfleet/pagination-key",
    at: "",
    message: /needs `next`/,
    help: /next_page_token/,
  },
  "key-of-another-style": {
    extension: "x-modelfleet-pagination:\n  style: offset\n  items: /data\n  offset: offset\n  cursor: cursor",
    code: "modelfleet/pagination-key",
    at: "/cursor",
    message: /cursor is not a key of the offset style/,
    help: /remove it/,
  },
  "unknown-parameter": {
    extension: "x-modelfleet-pagination:\n  style: offset\n  items: /data\n  offset: skip",
    code: "modelfleet/pagination-parameter",
    at: "/offset",
    message: /"skip", which is not a query parameter of listThings/,
    help: /offset, limit, cursor, page/,
  },
  "items-not-declared": {
    extension: "x-modelfleet-pagination:\n  style: offset\n  items: /results\n  offset: offset",
    code: "modelfleet/pagination-pointer",
    at: "/items",
    message: /"\/results" is not declared by the success response's schema/,
    help: /property the response schema declares/,
  },
  "items-not-an-array": {
    extension: "x-modelfleet-pagination:\n  style: offset\n  items: /meta\n  offset: offset",
    code: "modelfleet/pagination-pointer",
    at: "/items",
    message: /"\/meta" is not an array/,
    help: /array of items/,
  },
  "items-not-a-pointer": {
    extension: "x-modelfleet-pagination:\n  style: offset\n  items: data\n  offset: offset",
    code: "modelfleet/pagination-pointer",
    at: "/items",
    message: /must be a JSON pointer/,
    help: /body itself is the array/,
  },
  "total-not-an-integer": {
    extension: "x-modelfleet-pagination:\n  style: offset\n  items: /data\n  offset: offset\n  total: /next",
    code: "modelfleet/pagination-pointer",
    at: "/total",
    message: /"\/next" is not an integer/,
    help: /total count/,
  },
  "page-next-not-link-header": {
    extension: "x-modelfleet-pagination:\n  style: page\n  items: /data\n  page: page\n  next: /next",
    code: "modelfleet/pagination-shape",
    at: "/next",
    message: /can only be `link-header`/,
    help: /next-url style/,
  },
  "bad-first-page": {
    extension: "x-modelfleet-pagination:\n  style: page\n  items: /data\n  page: page\n  firstPage: -1",
    code: "modelfleet/pagination-shape",
    at: "/firstPage",
    message: /non-negative integer/,
    help: /zero-based/,
  },
  "not-a-get": {
    extension: "x-modelfleet-pagination:\n  style: next-url\n  items: /data\n  next: /next",
    method: "post",
    code: "modelfleet/pagination-method",
    at: "",
    message: /only GET operations can be paged/,
    help: /GET list operation/,
  },
};

let root: string;
let results: Map<string, SpecResult>;

beforeAll(async () => {
  root = await makeRepoLayout();
  const ids = ["valid", "unpaged", "clash", ...Object.keys(MALFORMED)];
  for (const [name, c] of Object.entries(MALFORMED))
    await writeFile(join(root, "specs", `${name}.yaml`), spec(name, c.extension, c.method));
  await writeFile(
    join(root, "specs", "valid.yaml"),
    spec("valid", "x-modelfleet-pagination:\n  style: offset\n  items: /data\n  offset: offset\n  limit: limit\n  total: /meta/total"),
  );
  await writeFile(join(root, "specs", "unpaged.yaml"), spec("unpaged", "x-modelfleet-pagination: false"));
  // Another operation already named like the iterator the listing would get.
  await writeFile(
    join(root, "specs", "clash.yaml"),
    spec("clash", "x-modelfleet-pagination:\n  style: offset\n  items: /data\n  offset: offset").replace(
      "components:\n",
      '  /things/pages:\n    get:\n      operationId: listThingsPages\n      summary: Pages\n      responses:\n        "200":\n          description: ok\n          content:\n            application/json:\n              schema: { type: object }\ncomponents:\n',
    ),
  );
  const all = await generate({ root });
  results = new Map(all.map((r) => [ids.find((id) => r.spec.endsWith(`${id}.yaml`)) as string, r]));
});

afterAll(removeTemps);

const errorsOf = (name: string): Diagnostic[] => (results.get(name)?.diagnostics ?? []).filter((d) => d.severity === "error");

describe("x-modelfleet-pagination: malformed extensions", () => {
  for (const [name, expected] of Object.entries(MALFORMED)) {
    it(`${name}: ${expected.code} with file, line, pointer and help; nothing generated`, () => {
      const errors = errorsOf(name);
      expect(errors.map((d) => d.code)).toEqual([expected.code]);
      const [d] = errors as [Diagnostic];
      expect(d.file).toBe(`specs/${name}.yaml`);
      expect(d.pointer).toBe(`#/paths/~1things/${expected.method ?? "get"}/x-modelfleet-pagination${expected.at}`);
      expect(d.line).toBeGreaterThan(30);
      expect(d.column).toBeTypeOf("number");
      expect(d.message).toMatch(expected.message);
      expect(d.help).toMatch(expected.help);
      expect(results.get(name)?.output).toBeUndefined();
    });
  }
});

describe("x-modelfleet-pagination: valid", () => {
  it("emits the descriptor (with the limit's default) and typed iterators", async () => {
    expect(errorsOf("valid")).toEqual([]);
    const dir = join(root, "packages", "valid", "src", "generated");
    const provider = await readFile(join(dir, "provider.ts"), "utf8");
    expect(provider).toContain(
      '"pagination":{"style":"offset","items":"/data","offset":"offset","limit":"limit","defaultLimit":25,"total":"/meta/total"}',
    );
    const client = await readFile(join(dir, "client.ts"), "utf8");
    expect(client).toContain(
      'export type PagerListThingsItem = NonNullable<NonNullable<operations["listThings"]["responses"][200]["content"]["application/json"]>["data"]>[number];',
    );
    expect(client).toMatch(
      /listThingsPages\(params\?: PagerListThingsParams, options\?: PaginateOptions\): AsyncGenerator<Page<PagerListThingsResult, PagerListThingsItem>, void, undefined>;/,
    );
    expect(client).toMatch(
      /listThingsAll\(params\?: PagerListThingsParams, options\?: PaginateOptions\): AsyncGenerator<PagerListThingsItem, void, undefined>;/,
    );
    const index = await readFile(join(dir, "index.ts"), "utf8");
    expect(index).toMatch(/PaginationError/);
  });

  it("`false` declares a list returned whole: no iterator, no descriptor", async () => {
    expect(errorsOf("unpaged")).toEqual([]);
    const dir = join(root, "packages", "unpaged", "src", "generated");
    expect(await readFile(join(dir, "client.ts"), "utf8")).not.toMatch(/Pages|paginate/);
    expect(await readFile(join(dir, "provider.ts"), "utf8")).not.toMatch(/pagination/);
  });
});

describe("x-modelfleet-pagination: iterator names", () => {
  it("an operation named like another's iterator is a method-name clash", () => {
    const errors = errorsOf("clash");
    expect(errors.map((d) => [d.code, d.message])).toEqual([
      ["modelfleet/method-name-clash", "operationIds listThings, listThingsPages all become the method name listThingsPages"],
    ]);
    expect(errors[0]?.help).toMatch(/rename one of the operationIds/);
  });
});
