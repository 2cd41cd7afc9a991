import { InvalidArgumentError } from "../errors.js";
import { checkRetryOptions, type RequestOptions } from "../options.js";
import { splitParams } from "../params.js";
import type { OperationDescriptor } from "../provider.js";
import type { PaginationDescriptor } from "./descriptor.js";
import { PaginationError } from "./error.js";
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
  checkRetryOptions(options, "options.");
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
        `${operation.operationId}: ${name} must be a non-negative integer, got ${JSON.stringify(value)}`,
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
  pagination: PaginationDescriptor,
  first: PageRequest,
  options: PaginateOptions,
  maxPages: number,
): AsyncGenerator<Page<TBody, TItem>, void, undefined> {
  const fail = (page: number, reason: ConstructorParameters<typeof PaginationError>[3], detail: string) =>
    new PaginationError(core.providerId, operation.operationId, page, reason, detail);
  // Ends a prefetched request nobody will read when the consumer leaves the loop.
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  const callOptions: RequestOptions = {
    signal,
    timeoutMs: options.timeoutMs,
    maxRetries: options.maxRetries,
    headers: options.headers,
  };
  const fetchPage = async (request: PageRequest): Promise<{ body: unknown; response: Response }> => {
    let response: Response | undefined;
    const body = await core.call<unknown>(request.operation, request.params, {
      ...callOptions,
      onResponse: (r) => {
        response = r;
        options.onResponse?.(r);
      },
    });
    return { body, response: response as Response };
  };

  const seen = new Set<string>();
  const startCursor = pagination.cursor === undefined ? undefined : first.params[pagination.cursor];
  if (typeof startCursor === "string" && startCursor) seen.add(startCursor);
  let itemsSoFar = 0;
  let previous: string | undefined;
  let request: PageRequest | undefined = first;
  let pending: Promise<{ body: unknown; response: Response }> | undefined;
  try {
    for (let number = 1; request; number++) {
      if (number > maxPages) {
        throw fail(
          number,
          "max-pages",
          `the server still announces a next page after ${maxPages} pages; pass a higher maxPages if the listing really is that long`,
        );
      }
      const { body, response } = await (pending ?? fetchPage(request));
      pending = undefined;
      const items = readPointer(body, pagination.items);
      if (!Array.isArray(items)) {
        throw fail(number, "malformed-page", `the page has no items array at ${JSON.stringify(pagination.items)}`);
      }
      if (items.length > 0) {
        const fingerprint = JSON.stringify(items);
        if (fingerprint === previous) {
          throw fail(
            number,
            "repeated-page",
            "the page holds exactly the items of the page before it: the server ignores the paging parameters",
          );
        }
        previous = fingerprint;
      }
      itemsSoFar += items.length;
      let next: PageRequest | undefined;
      let stopped: PaginationError | undefined;
      try {
        next = nextRequest(core, pagination, request, first, { body, response, items, itemsSoFar, seen }, number);
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

  /** The request for the page after this one, or `undefined` when this was the last; throws for a looping server. */
  function nextRequest(
    core: PagingCore,
    p: PaginationDescriptor,
    current: PageRequest,
    firstRequest: PageRequest,
    page: { body: unknown; response: Response; items: unknown[]; itemsSoFar: number; seen: Set<string> },
    number: number,
  ): PageRequest | undefined {
    const limit = pageSize(p, firstRequest.params);
    const total = p.total === undefined ? undefined : readPointer(page.body, p.total);
    const knownTotal = typeof total === "number" && Number.isFinite(total) ? total : undefined;
    switch (p.style) {
      case "offset": {
        if (page.items.length === 0) return undefined;
        const name = p.offset as string;
        const offset = ((current.params[name] as number | undefined) ?? 0) + page.items.length;
        if (knownTotal !== undefined ? offset >= knownTotal : limit !== undefined && page.items.length < limit) return undefined;
        return { operation: current.operation, params: { ...current.params, [name]: offset } };
      }
      case "page": {
        if (page.items.length === 0) return undefined;
        if (limit !== undefined && page.items.length < limit) return undefined;
        if (knownTotal !== undefined && page.itemsSoFar >= knownTotal) return undefined;
        if (p.next === "link-header" && nextLinkTarget(page.response.headers.get("link")) === undefined) return undefined;
        const name = p.page as string;
        const pageNumber = (current.params[name] as number | undefined) ?? p.firstPage ?? 1;
        return { operation: current.operation, params: { ...current.params, [name]: pageNumber + 1 } };
      }
      case "cursor": {
        const cursor = tokenAt(readPointer(page.body, p.next as string), number, "cursor");
        if (cursor === undefined) return undefined;
        remember(cursor, number, "cursor");
        return { operation: current.operation, params: { ...current.params, [p.cursor as string]: cursor } };
      }
      case "next-url": {
        const raw = p.next === "link-header" ? nextLinkTarget(page.response.headers.get("link")) : readPointer(page.body, p.next as string);
        const target = tokenAt(raw, number, "next URL");
        if (target === undefined) return undefined;
        return urlRequest(core, operation, firstRequest, target, page.response, number);
      }
    }
  }

  function tokenAt(value: unknown, number: number, what: string): string | undefined {
    if (value === undefined || value === null || value === "") return undefined;
    if (typeof value === "number" && Number.isFinite(value)) return String(value);
    if (typeof value !== "string") throw fail(number + 1, "malformed-page", `the ${what} of page ${number} is not a string`);
    return value;
  }

  function remember(key: string, number: number, what: string): void {
    if (seen.has(key)) throw fail(number + 1, "repeated-cursor", `page ${number} names a ${what} already requested: the server would loop`);
    seen.add(key);
  }

  /** A next URL as a request of the same operation: checked to stay under the base URL, its query as parameters. */
  function urlRequest(
    core: PagingCore,
    op: OperationDescriptor,
    firstRequest: PageRequest,
    target: string,
    response: Response,
    number: number,
  ): PageRequest {
    const base = new URL(`${core.baseUrl}/`);
    let url: URL;
    try {
      url = new URL(target, response.url || base);
    } catch {
      throw fail(number + 1, "malformed-page", `the next URL of page ${number} is not a URL`);
    }
    const basePath = base.pathname.replace(/\/+$/, "");
    if (
      url.origin !== base.origin ||
      url.username ||
      url.password ||
      !(url.pathname === basePath || url.pathname.startsWith(`${basePath}/`))
    ) {
      throw fail(
        number + 1,
        "foreign-next-url",
        `the next URL leaves the client's base URL ${base.origin}${basePath} (it points to ${url.origin}); it is not requested`,
      );
    }
    remember(url.href, number, "next URL");
    const query: Record<string, unknown> = {};
    for (const key of new Set(url.searchParams.keys())) {
      const values = url.searchParams.getAll(key);
      query[key] = values.length === 1 ? values[0] : values;
    }
    const headers: Record<string, unknown> = {};
    for (const name of op.headerParams) if (firstRequest.params[name] !== undefined) headers[name] = firstRequest.params[name];
    const names = Object.keys(query);
    return {
      operation: {
        ...op,
        path: url.pathname.slice(basePath.length) || "/",
        pathParams: [],
        queryParams: names,
        headerParams: op.headerParams.filter((h) => !names.includes(h)),
      },
      params: { ...query, ...headers },
    };
  }
}

/** The page size in force: the one sent, else the provider's default from the spec. */
function pageSize(p: PaginationDescriptor, params: Record<string, unknown>): number | undefined {
  const sent = p.limit === undefined ? undefined : params[p.limit];
  const size = typeof sent === "number" ? sent : typeof sent === "string" && /^\d+$/.test(sent) ? Number(sent) : p.defaultLimit;
  return size !== undefined && size > 0 ? size : undefined;
}
