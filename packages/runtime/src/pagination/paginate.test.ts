import { json, type RecordedRequest, recordingSleep, SECRET_KEY } from "@modelfleet/test-utils";
import { describe, expect, it } from "vitest";
import { createClientCore } from "../client-core.js";
import { InvalidArgumentError } from "../errors.js";
import type { OperationDescriptor, ProviderDescriptor } from "../provider.js";
import type { PaginationDescriptor } from "./descriptor.js";
import { PaginationError } from "./error.js";
import { DEFAULT_MAX_PAGES, type PaginateOptions, paginateItems, paginatePages } from "./paginate.js";

const BASE = "https://api.acme.test/v1";

function operation(pagination: PaginationDescriptor, queryParams: string[]): OperationDescriptor {
  return {
    operationId: "listThings",
    method: "GET",
    path: "/things",
    pathParams: [],
    queryParams,
    headerParams: ["x-team"],
    body: false,
    idempotent: true,
    pagination,
  };
}

const provider = (op: OperationDescriptor): ProviderDescriptor => ({
  id: "acme",
  name: "Acme",
  packageName: "@modelfleet/acme",
  packageVersion: "1.0.0",
  envVar: "ACME_API_KEY",
  baseUrl: BASE,
  auth: { header: "Authorization", prefix: "Bearer " },
  sensitiveKeys: [],
  operations: { [op.operationId]: op },
});

/** A fake server: `handler` answers each request from its URL; every request is recorded. */
function serve(op: OperationDescriptor, handler: (url: URL, request: Request, n: number) => Response | Promise<Response>) {
  const requests: RecordedRequest[] = [];
  const sleeper = recordingSleep();
  const fetch = async (request: Request) => {
    requests.push({ method: request.method, url: new URL(request.url), headers: new Headers(request.headers), body: undefined });
    return handler(new URL(request.url), request, requests.length);
  };
  const core = createClientCore(provider(op), { apiKey: SECRET_KEY, fetch, sleep: sleeper.sleep });
  const pages = (params?: Record<string, unknown>, options?: PaginateOptions) => paginatePages<unknown, unknown>(core, op, params, options);
  const items = (params?: Record<string, unknown>, options?: PaginateOptions) => paginateItems<unknown>(core, op, params, options);
  return { requests, pages, items, delays: sleeper.delays };
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const value of iterable) out.push(value);
  return out;
}

async function failure(iterable: AsyncIterable<unknown>): Promise<{ error: unknown; seen: unknown[] }> {
  const seen: unknown[] = [];
  try {
    for await (const value of iterable) seen.push(value);
  } catch (error) {
    return { error, seen };
  }
  throw new Error("the iteration did not fail");
}

const range = (from: number, n: number) => Array.from({ length: Math.max(0, n) }, (_, i) => ({ id: from + i }));
const query = (requests: RecordedRequest[]) => requests.map((r) => r.url.search);

describe("offset/limit, bare array, no total (Sieve)", () => {
  const op = operation({ style: "offset", items: "", offset: "offset", limit: "limit", defaultLimit: 3 }, ["offset", "limit"]);
  const over = (total: number) => (url: URL) => {
    const offset = Number(url.searchParams.get("offset") ?? 0);
    const limit = Number(url.searchParams.get("limit") ?? 3);
    return json(200, range(offset, Math.min(limit, total - offset)));
  };

  it("0 items: one request, nothing yielded", async () => {
    const { requests, items } = serve(op, over(0));
    expect(await collect(items())).toEqual([]);
    expect(query(requests)).toEqual([""]);
  });

  it("1 short page: one request", async () => {
    const { requests, items } = serve(op, over(2));
    expect(await collect(items())).toEqual(range(0, 2));
    expect(requests).toHaveLength(1);
  });

  it("many pages: the offset advances by the items received, the last page is short", async () => {
    const { requests, pages } = serve(op, over(7));
    const got = await collect(pages({ limit: 3 }));
    expect(got.map((p) => [p.number, p.items.length])).toEqual([
      [1, 3],
      [2, 3],
      [3, 1],
    ]);
    expect(query(requests)).toEqual(["?limit=3", "?limit=3&offset=3", "?limit=3&offset=6"]);
    expect(requests.every((r) => r.headers.get("authorization") === `Bearer ${SECRET_KEY}`)).toBe(true);
  });

  it("a last page exactly `limit` long costs one more request, answered empty", async () => {
    const { requests, items } = serve(op, over(6));
    expect(await collect(items())).toEqual(range(0, 6));
    expect(query(requests)).toEqual(["", "?offset=3", "?offset=6"]);
  });

  it("starts at the offset and page size given", async () => {
    const { requests, items } = serve(op, over(10));
    expect(await collect(items({ offset: 4, limit: 5 }))).toEqual(range(4, 6));
    expect(query(requests)).toEqual(["?offset=4&limit=5", "?offset=9&limit=5"]);
  });

  it("a server ignoring the offset stops at the second page with repeated-page, after the first page's items", async () => {
    const { requests, items } = serve(op, () => json(200, range(0, 3)));
    const { error, seen } = await failure(items());
    expect(seen).toEqual(range(0, 3));
    expect(error).toBeInstanceOf(PaginationError);
    expect(error).toMatchObject({ provider: "acme", operationId: "listThings", page: 2, reason: "repeated-page" });
    expect(requests).toHaveLength(2);
  });

  it("a page without an items array ends with malformed-page", async () => {
    const { items } = serve(op, () => json(200, { data: [] }));
    const { error } = await failure(items());
    expect(PaginationError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ page: 1, reason: "malformed-page" });
  });
});

describe("offset/limit with a total in the body (Opper)", () => {
  const op = operation({ style: "offset", items: "/data", offset: "offset", limit: "limit", total: "/meta/total_count" }, [
    "offset",
    "limit",
  ]);
  const over =
    (total: number, cap = 100) =>
    (url: URL) => {
      const offset = Number(url.searchParams.get("offset") ?? 0);
      const limit = Math.min(cap, Number(url.searchParams.get("limit") ?? 20));
      return json(200, { meta: { total_count: total }, data: range(offset, Math.min(limit, total - offset)) });
    };

  it("stops at the total without an empty last request, even when the last page is exactly full", async () => {
    const { requests, items } = serve(op, over(6));
    expect(await collect(items({ limit: 3 }))).toEqual(range(0, 6));
    expect(query(requests)).toEqual(["?limit=3", "?limit=3&offset=3"]);
  });

  it("trusts the total over a short page (a server that caps the page size)", async () => {
    const { requests, items } = serve(op, over(5, 2));
    expect(await collect(items({ limit: 3 }))).toEqual(range(0, 5));
    expect(query(requests)).toEqual(["?limit=3", "?limit=3&offset=2", "?limit=3&offset=4"]);
  });

  it("an empty page ends it even when the total promises more", async () => {
    const { requests, items } = serve(op, (url) =>
      json(200, { meta: { total_count: 99 }, data: url.searchParams.get("offset") ? [] : range(0, 2) }),
    );
    expect(await collect(items())).toEqual(range(0, 2));
    expect(requests).toHaveLength(2);
  });
});

describe("page number/size with Link rel=next (Modzy)", () => {
  const op = operation({ style: "page", items: "", page: "page", limit: "per-page", next: "link-header" }, ["page", "per-page"]);
  const over =
    (total: number, link = (page: number, pages: number) => page < pages) =>
    (url: URL) => {
      const page = Number(url.searchParams.get("page") ?? 1);
      const size = Number(url.searchParams.get("per-page") ?? 2);
      const pages = Math.ceil(total / size);
      const headers: Record<string, string> = link(page, pages)
        ? { link: `<${BASE}/things?page=${page + 1}&per-page=${size}>; rel="next", <${BASE}/things?page=${pages}>; rel="last"` }
        : {};
      return json(200, range((page - 1) * size, Math.min(size, total - (page - 1) * size)), headers);
    };

  it("follows the page number while the Link header has rel=next", async () => {
    const { requests, items } = serve(op, over(6));
    expect(await collect(items({ "per-page": 2 }))).toEqual(range(0, 6));
    expect(query(requests)).toEqual(["?per-page=2", "?per-page=2&page=2", "?per-page=2&page=3"]);
  });

  it("stops at a full page without rel=next, and at a short page with one (the header is not trusted alone)", async () => {
    const noLink = serve(
      op,
      over(4, () => false),
    );
    expect(await collect(noLink.items({ "per-page": 2 }))).toEqual(range(0, 2));
    expect(noLink.requests).toHaveLength(1);

    const alwaysLink = serve(
      op,
      over(3, () => true),
    );
    expect(await collect(alwaysLink.items({ "per-page": 2 }))).toEqual(range(0, 3));
    expect(alwaysLink.requests).toHaveLength(2);
  });

  it("0 items: one request", async () => {
    const { requests, items } = serve(
      op,
      over(0, () => true),
    );
    expect(await collect(items())).toEqual([]);
    expect(requests).toHaveLength(1);
  });

  it("a server always announcing next stops at maxPages with max-pages, having sent exactly maxPages requests", async () => {
    const { requests, items } = serve(op, (url) => {
      const page = Number(url.searchParams.get("page") ?? 1);
      return json(200, range(page * 10, 2), { link: `<${BASE}/things?page=${page + 1}>; rel="next"` });
    });
    const { error, seen } = await failure(items({ "per-page": 2 }, { maxPages: 5 }));
    expect(seen).toHaveLength(10);
    expect(error).toMatchObject({ name: "PaginationError", reason: "max-pages", page: 6 });
    expect((error as Error).message).toMatch(/acme listThings: listing stopped at page 6 \(max-pages\).*maxPages/);
    expect(requests).toHaveLength(5);
  });

  it(`the default cap is ${DEFAULT_MAX_PAGES} pages`, async () => {
    const { requests, pages } = serve(op, (url) => {
      const page = Number(url.searchParams.get("page") ?? 1);
      return json(200, [{ page }], { link: '<x>; rel="next"' });
    });
    const { error } = await failure(pages());
    expect(error).toMatchObject({ reason: "max-pages", page: DEFAULT_MAX_PAGES + 1 });
    expect(requests).toHaveLength(DEFAULT_MAX_PAGES);
    // A thousand requests through the whole client: the runner's hang guard only, no timing is asserted.
  }, 120_000);
});

describe("cursor / page token in the body", () => {
  const op = operation({ style: "cursor", items: "/items", cursor: "pageToken", limit: "pageSize", next: "/nextPageToken" }, [
    "pageToken",
    "pageSize",
  ]);
  const tokens = ["", "tok-a", "tok-b"];
  const over = (url: URL) => {
    const index = tokens.indexOf(url.searchParams.get("pageToken") ?? "");
    const last = index === tokens.length - 1;
    return json(200, { items: range(index * 2, 2), ...(last ? {} : { nextPageToken: tokens[index + 1] }) });
  };

  it("sends each page's token back until none comes", async () => {
    const { requests, items } = serve(op, over);
    expect(await collect(items({ pageSize: 2 }))).toEqual(range(0, 6));
    expect(query(requests)).toEqual(["?pageSize=2", "?pageSize=2&pageToken=tok-a", "?pageSize=2&pageToken=tok-b"]);
  });

  it("an empty or null token ends the listing", async () => {
    const { requests, items } = serve(op, () => json(200, { items: range(0, 1), nextPageToken: null }));
    expect(await collect(items())).toEqual(range(0, 1));
    expect(requests).toHaveLength(1);
  });

  it("a repeated token stops at once with repeated-cursor, before requesting it again", async () => {
    const { requests, items } = serve(op, (url) =>
      json(200, { items: range(url.searchParams.has("pageToken") ? 5 : 0, 1), nextPageToken: "same" }),
    );
    const { error, seen } = await failure(items());
    expect(seen).toEqual([...range(0, 1), ...range(5, 1)]);
    expect(error).toMatchObject({ reason: "repeated-cursor", page: 3 });
    expect(requests).toHaveLength(2);
  });

  it("a token that is not a string ends with malformed-page", async () => {
    const { items } = serve(op, () => json(200, { items: range(0, 1), nextPageToken: { odd: true } }));
    expect((await failure(items())).error).toMatchObject({ reason: "malformed-page" });
  });
});

describe("next URL (in the body or the Link header)", () => {
  const inBody = operation({ style: "next-url", items: "/results", next: "/next" }, ["limit"]);
  const inLink = operation({ style: "next-url", items: "", next: "link-header" }, ["limit"]);

  it("follows absolute and relative next URLs under the base URL, keeping header parameters", async () => {
    const { requests, items } = serve(inBody, (url) => {
      if (!url.searchParams.has("cursor")) return json(200, { results: range(0, 2), next: `${BASE}/things?cursor=c1&limit=2` });
      if (url.searchParams.get("cursor") === "c1") return json(200, { results: range(2, 2), next: "/v1/things?cursor=c2&limit=2" });
      return json(200, { results: range(4, 1), next: null });
    });
    expect(await collect(items({ limit: 2, "x-team": "t1" }))).toEqual(range(0, 5));
    expect(requests.map((r) => r.url.href)).toEqual([
      `${BASE}/things?limit=2`,
      `${BASE}/things?cursor=c1&limit=2`,
      `${BASE}/things?cursor=c2&limit=2`,
    ]);
    expect(requests.map((r) => r.headers.get("x-team"))).toEqual(["t1", "t1", "t1"]);
  });

  it("follows the Link header's rel=next", async () => {
    const { requests, items } = serve(inLink, (url) =>
      url.searchParams.get("after") === "2"
        ? json(200, range(2, 1))
        : json(200, range(0, 2), { link: `<${BASE}/things?after=2>; rel="next"` }),
    );
    expect(await collect(items())).toEqual(range(0, 3));
    expect(requests.map((r) => r.url.search)).toEqual(["", "?after=2"]);
  });

  it.each([
    ["another host", "https://evil.test/v1/things?cursor=x"],
    ["plain http on the same host", "http://api.acme.test/v1/things?cursor=x"],
    ["another port", "https://api.acme.test:8443/v1/things?cursor=x"],
    ["a path outside the base URL", "https://api.acme.test/admin/things"],
    ["credentials in the URL", "https://user:pw@api.acme.test/v1/things"],
  ])("refuses a next URL on %s: no request to it, the key stays home", async (_, next) => {
    const { requests, items } = serve(inBody, () => json(200, { results: range(0, 1), next }));
    const { error, seen } = await failure(items());
    expect(seen).toEqual(range(0, 1));
    expect(error).toMatchObject({ reason: "foreign-next-url", page: 2 });
    expect(requests.map((r) => r.url.origin)).toEqual(["https://api.acme.test"]);
    expect(JSON.stringify(error)).not.toContain(SECRET_KEY);
    expect((error as Error).message).not.toContain(SECRET_KEY);
  });

  it("a next URL already requested stops with repeated-cursor", async () => {
    const { requests, items } = serve(inBody, (url) =>
      json(200, { results: range(url.searchParams.has("c") ? 1 : 0, 1), next: `${BASE}/things?c=1` }),
    );
    const { error } = await failure(items());
    expect(error).toMatchObject({ reason: "repeated-cursor", page: 3 });
    expect(requests).toHaveLength(2);
  });
});

describe("the consumer drives the requests", () => {
  const op = operation({ style: "offset", items: "", offset: "offset", limit: "limit" }, ["offset", "limit"]);
  const endless = (url: URL) => json(200, range(Number(url.searchParams.get("offset") ?? 0), 2));

  it("no read-ahead: a page is requested only when asked for; a break sends nothing more", async () => {
    const { requests, pages } = serve(op, endless);
    const iterator = pages({ limit: 2 });
    expect(requests).toHaveLength(0);
    await iterator.next();
    expect(requests).toHaveLength(1);
    await iterator.next();
    expect(requests).toHaveLength(2);
    for await (const page of iterator) if (page.number === 3) break;
    expect(requests).toHaveLength(3);
  });

  it("prefetch requests one page ahead, and no further after a break", async () => {
    const { requests, pages } = serve(op, endless);
    const iterator = pages({ limit: 2 }, { prefetch: true });
    await iterator.next();
    expect(requests).toHaveLength(2);
    await iterator.return(undefined);
    expect(requests).toHaveLength(2);
  });

  it("an abort between pages ends the iteration with the AbortError and sends nothing more", async () => {
    const controller = new AbortController();
    const { requests, items } = serve(op, endless);
    const seen: unknown[] = [];
    const error = await (async () => {
      try {
        for await (const item of items({ limit: 2 }, { signal: controller.signal })) {
          seen.push(item);
          if (seen.length === 3) controller.abort();
        }
      } catch (e) {
        return e;
      }
    })();
    expect((error as Error).name).toBe("AbortError");
    expect(seen).toHaveLength(4);
    expect(requests).toHaveLength(2);
  });

  it("an abort while a page is in flight rejects that page", async () => {
    const controller = new AbortController();
    const { items } = serve(op, (url, request) =>
      url.searchParams.get("offset")
        ? new Promise<Response>((_, reject) => {
            request.signal.addEventListener("abort", () => reject(request.signal.reason));
            controller.abort();
          })
        : json(200, range(0, 2)),
    );
    const { error, seen } = await failure(items({ limit: 2 }, { signal: controller.signal }));
    expect(seen).toEqual(range(0, 2));
    expect((error as Error).name).toBe("AbortError");
  });

  it("a page failing with 503 is retried by the runtime, then the listing goes on", async () => {
    let failed = false;
    const { requests, items, delays } = serve(op, (url) => {
      if (url.searchParams.get("offset") === "2" && !failed) {
        failed = true;
        return json(503, { message: "busy" });
      }
      return json(200, range(Number(url.searchParams.get("offset") ?? 0), url.searchParams.get("offset") === "4" ? 1 : 2));
    });
    expect(await collect(items({ limit: 2 }))).toEqual(range(0, 5));
    expect(query(requests)).toEqual(["?limit=2", "?limit=2&offset=2", "?limit=2&offset=2", "?limit=2&offset=4"]);
    expect(delays).toHaveLength(1);
  });

  it("per-request options apply to every page: headers, retries, onResponse", async () => {
    const seen: number[] = [];
    const { requests, items } = serve(op, (url) =>
      url.searchParams.get("offset") === "2" ? json(500, { message: "down" }) : json(200, range(0, 2)),
    );
    const { error } = await failure(
      items({ limit: 2 }, { headers: { "x-trace": "t" }, maxRetries: 0, onResponse: (r) => seen.push(r.status) }),
    );
    expect((error as Error).name).toBe("InternalServerError");
    expect(requests.map((r) => r.headers.get("x-trace"))).toEqual(["t", "t"]);
    expect(requests).toHaveLength(2);
    expect(seen).toEqual([200]);
  });

  it("bad arguments fail before any request, naming them", () => {
    const { requests, pages } = serve(op, endless);
    expect(() => pages({}, { maxPages: 0 })).toThrow(InvalidArgumentError);
    expect(() => pages({}, { maxPages: 0 })).toThrow(/options\.maxPages/);
    expect(() => pages({ offset: -1 })).toThrow(/offset must be a non-negative integer/);
    expect(() => pages({ nope: 1 })).toThrow(/unknown parameter "nope"/);
    expect(() => pages({}, { timeoutMs: -1 })).toThrow(/options\.timeoutMs/);
    expect(requests).toHaveLength(0);
  });

  it("yields each page with its parsed body and response", async () => {
    const { pages } = serve(op, () => json(200, range(0, 1), { "x-request-id": "r1" }));
    const [page] = await collect(pages({ limit: 2 }));
    expect(page?.body).toEqual(range(0, 1));
    expect(page?.items).toEqual(range(0, 1));
    expect(page?.response.headers.get("x-request-id")).toBe("r1");
  });
});
