import { describeValue } from "../describe-value.js";
import { InvalidArgumentError } from "../errors.js";
import { checkCallLimits, type RequestOptions } from "../options.js";
import { splitParams } from "../params.js";
import type { OperationDescriptor } from "../provider.js";
import type { PaginationDescriptor } from "./descriptor.js";
import { PaginationError, type PaginationStopReason } from "./error.js";
import { readPointer } from "./json-pointer.js";
import { nextLinkTarget } from "./link-header.js";

/** One page of a listing, as the generated `<operation>Pages` methods yield it. */
export interface Page<TBody, TItem> {
  /** The page's items, read from where the spec's `x-modelfleet-pagination.items` points. */
  readonly items: TItem[];
  /** The parsed response body. */
  readonly body: TBody;
  /** The successful response (its body already read), for headers such as `Link` or rate-limit counters. */
  readonly response: Response;
  /** 1-based number of this page within the iteration. */
  readonly number: number;
}

/** Options of a listing: those of every request (signal, timeout, retries, headers) and the listing's own. */
export interface PaginateOptions extends RequestOptions {
  /**
   * How many pages to request at most. A server still announcing a next page after that many ends the listing with
   * a {@link PaginationError} (`max-pages`) rather than an endless loop. Default 1000.
   */
  maxPages?: number;
  /**
   * Request page n+1 while the consumer is still handling page n. Off by default: without it a page is requested
   * only when the consumer asks for it, so a loop that stops early costs no extra request.
   */
  prefetch?: boolean;
}

/** The default of {@link PaginateOptions.maxPages}: high enough for any real listing, finite for a looping server. */
export const DEFAULT_MAX_PAGES = 1000;

/** What a listing needs from a client: one call per page, and the base URL a next URL must stay under. */
export interface PagingCore {
  readonly providerId: string;
  readonly baseUrl: string;
  call<T>(operation: OperationDescriptor, params: unknown, options?: RequestOptions): Promise<T>;
}

interface PageRequest {
  operation: OperationDescriptor;
  params: Record<string, unknown>;
}

/**
 * Iterates the pages of a paginated operation (the generated `<operation>Pages` methods). Arguments and options are
 * checked now, before any request; each page is then one ordinary call (auth, retries, timeouts, the signal), sent
 * when the consumer asks for it (or one ahead with `prefetch`). Leaving the loop early sends nothing further.
 */
export function paginatePages<TBody, TItem>(
  core: PagingCore,
  operation: OperationDescriptor,
  params: unknown,
  options: PaginateOptions = {},
): AsyncGenerator<Page<TBody, TItem>, void, undefined> {
  const pagination = operation.pagination;
  if (!pagination) throw new InvalidArgumentError("operation", `${operation.operationId} is not paginated`);
  checkCallLimits(options);
  const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
  if (!Number.isInteger(maxPages) || maxPages < 1) {
    throw new InvalidArgumentError(
      "options.maxPages",
      `${operation.operationId}: options.maxPages must be a positive integer, got ${String(maxPages)}`,
    );
  }
  splitParams(operation, params);
  const first: PageRequest = { operation, params: { ...((params ?? {}) as Record<string, unknown>) } };
  for (const name of [pagination.offset, pagination.page]) {
    const value = name === undefined ? undefined : first.params[name];
    if (value !== undefined && !(Number.isInteger(value) && (value as number) >= 0)) {
      throw new InvalidArgumentError(
        name as string,
        `${operation.operationId}: ${name} must be a non-negative integer, got ${describeValue(value)}`,
      );
    }
  }
  return walk<TBody, TItem>(core, operation, pagination, first, options, maxPages);
}

/** Iterates the items of every page of a paginated operation (the generated `<operation>All` methods). */
export function paginateItems<TItem>(
  core: PagingCore,
  operation: OperationDescriptor,
  params: unknown,
  options: PaginateOptions = {},
): AsyncGenerator<TItem, void, undefined> {
  const pages = paginatePages<unknown, TItem>(core, operation, params, options);
  return (async function* items() {
    for await (const page of pages) yield* page.items;
  })();
}

async function* walk<TBody, TItem>(
  core: PagingCore,
  operation: OperationDescriptor,
  p: PaginationDescriptor,
  first: PageRequest,
  options: PaginateOptions,
  maxPages: number,
): AsyncGenerator<Page<TBody, TItem>, void, undefined> {
  const fail = (page: number, reason: PaginationStopReason, detail: string) =>
    new PaginationError(core.providerId, operation.operationId, page, reason, detail);
  // Ends a prefetched request nobody will read when the consumer leaves the loop.
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  const { timeoutMs, maxRetries, headers } = options;
  const fetchPage = async ({ operation: op, params }: PageRequest) => {
    let response: Response | undefined;
    const onResponse = (r: Response) => {
      response = r;
      options.onResponse?.(r);
    };
    const body = await core.call<unknown>(op, params, { signal, timeoutMs, maxRetries, headers, onResponse });
    return { body, response: response as Response };
  };
  const base = new URL(`${core.baseUrl}/`);
  const basePath = base.pathname.replace(/\/+$/, "");
  const limit = pageSize(p, first.params);
  const seen = new Set<unknown>([p.cursor && first.params[p.cursor]]);
  let itemsSoFar = 0;
  let previous: string | undefined;
  let request: PageRequest | undefined = first;
  let pending: ReturnType<typeof fetchPage> | undefined;
  try {
    for (let number = 1; request; number++) {
      if (number > maxPages)
        throw fail(number, "max-pages", `a next page is still announced after ${maxPages} pages (see options.maxPages)`);
      const { body, response }: Awaited<ReturnType<typeof fetchPage>> = await (pending ?? fetchPage(request));
      pending = undefined;
      const items = readPointer(body, p.items);
      if (!Array.isArray(items)) throw fail(number, "malformed-page", `no items array at ${JSON.stringify(p.items)}`);
      if (items.length > 0) {
        const fingerprint = JSON.stringify(items);
        if (fingerprint === previous)
          throw fail(number, "repeated-page", "the same items as the page before: the server ignores the paging parameters");
        previous = fingerprint;
      }
      itemsSoFar += items.length;
      const params: Record<string, unknown> = request.params;
      const total = p.total === undefined ? undefined : readPointer(body, p.total);
      // `total` counts every item, so the items before the first page requested (a starting offset) count too.
      const before = p.offset === undefined ? 0 : ((first.params[p.offset] as number | undefined) ?? 0);
      const reachedTotal = typeof total === "number" ? itemsSoFar + before >= total : undefined;
      const short = items.length === 0 || (limit !== undefined && items.length < limit);
      let next: PageRequest | undefined;
      let stopped: PaginationError | undefined;
      // A cursor, page token or URL from the page; a repeat of one already requested would loop.
      const token = (value: unknown, what: string): string | undefined => {
        if (value === undefined || value === null || value === "") return undefined;
        if (typeof value !== "string" && typeof value !== "number") throw fail(number + 1, "malformed-page", `the ${what} is not a string`);
        if (seen.has(String(value))) throw fail(number + 1, "repeated-cursor", `the ${what} was already requested: the server would loop`);
        seen.add(String(value));
        return String(value);
      };
      try {
        if (p.style === "offset") {
          if (!(items.length === 0 || (reachedTotal ?? short))) {
            next = {
              operation: request.operation,
              params: { ...params, [p.offset as string]: ((params[p.offset as string] as number) ?? 0) + items.length },
            };
          }
        } else if (p.style === "page") {
          const more = p.next !== "link-header" || nextLinkTarget(response.headers.get("link")) !== undefined;
          if (!short && !reachedTotal && more) {
            next = {
              operation: request.operation,
              params: { ...params, [p.page as string]: ((params[p.page as string] as number) ?? p.firstPage ?? 1) + 1 },
            };
          }
        } else if (p.style === "cursor") {
          const cursor = token(readPointer(body, p.next as string), "cursor");
          if (cursor !== undefined) next = { operation: request.operation, params: { ...params, [p.cursor as string]: cursor } };
        } else {
          const raw = p.next === "link-header" ? nextLinkTarget(response.headers.get("link")) : readPointer(body, p.next as string);
          if (raw !== undefined && raw !== null && raw !== "") next = urlRequest(raw, response, number);
        }
      } catch (error) {
        if (!(error instanceof PaginationError)) throw error;
        stopped = error;
      }
      if (next && options.prefetch && number < maxPages) {
        pending = fetchPage(next);
        // A prefetch the consumer never reaches (it left the loop) must not surface as an unhandled rejection.
        pending.catch(() => {});
      }
      yield { items: items as TItem[], body: body as TBody, response, number };
      if (stopped) throw stopped;
      request = next;
    }
  } finally {
    stop.abort();
  }

  /** A next URL as a request of the same operation: checked to stay under the base URL, its query as parameters. */
  function urlRequest(raw: unknown, response: Response, number: number): PageRequest {
    if (typeof raw !== "string") throw fail(number + 1, "malformed-page", "the next URL is not a string");
    let url: URL;
    try {
      url = new URL(raw, response.url || base);
    } catch {
      throw fail(number + 1, "malformed-page", "the next URL is not a URL");
    }
    if (url.origin !== base.origin || url.username || url.password || !`${url.pathname}/`.startsWith(`${basePath}/`)) {
      throw fail(
        number + 1,
        "foreign-next-url",
        `the next URL (on ${url.origin}) leaves the base URL ${base.origin}${basePath}; not requested`,
      );
    }
    if (seen.has(url.href)) throw fail(number + 1, "repeated-cursor", "the next URL was already requested: the server would loop");
    seen.add(url.href);
    const params: Record<string, unknown> = {};
    for (const key of url.searchParams.keys()) {
      const values = url.searchParams.getAll(key);
      params[key] = values.length === 1 ? values[0] : values;
    }
    const queryParams = Object.keys(params);
    const headerParams = operation.headerParams.filter((h) => !Object.hasOwn(params, h));
    for (const name of headerParams) params[name] = first.params[name];
    return {
      operation: { ...operation, path: url.pathname.slice(basePath.length) || "/", pathParams: [], queryParams, headerParams },
      params,
    };
  }
}

/** The page size in force: the one sent, else the provider's default from the spec. */
function pageSize(p: PaginationDescriptor, params: Record<string, unknown>): number | undefined {
  const sent = p.limit === undefined ? undefined : params[p.limit];
  const size = typeof sent === "number" ? sent : typeof sent === "string" && /^\d+$/.test(sent) ? Number(sent) : p.defaultLimit;
  return size !== undefined && size > 0 ? size : undefined;
}
