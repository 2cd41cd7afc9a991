import { items, received, text } from "@modelfleet/runtime/fleet";
import { ApiError } from "../generated/index.js";

/** A page of a Replicate listing, as its generated types describe it. */
export interface ReplicatePage<T> {
  next?: string | null;
  results?: T[];
}

/** How many pages one listing may take before it is taken for a server that never ends. */
export const REPLICATE_MAX_PAGES = 1000;

/**
 * Walks a Replicate listing through its `next` links. Only the `cursor` query parameter of a `next` URL is used,
 * passed to the generated client's list operation, so every request goes to the client's own base URL with its
 * auth, retries and timeouts: a `next` pointing at another host never receives the key.
 *
 * The walk ends at a page whose `next` is null or missing. It stops with an {@link ApiError} (status 200, not
 * retryable) naming the operation and the page when a `next` cannot be followed (not a URL, or no `cursor` in
 * it), when a cursor comes back that was already read (a server that would loop forever), or after `maxPages`
 * pages. Items of the pages read before are yielded first.
 */
export async function* replicatePages<T>(
  operationId: string,
  fetchPage: (cursor: string | undefined) => Promise<ReplicatePage<T>>,
  maxPages = REPLICATE_MAX_PAGES,
): AsyncGenerator<T> {
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (let page = 1; ; page++) {
    const answer = received(await fetchPage(cursor));
    yield* items<T>(answer.results);
    const next = answer.next;
    if (next === null || next === undefined) return;
    const link = text(next);
    cursor = link === null ? undefined : cursorOf(link);
    if (link === null || cursor === undefined) {
      throw pagingError(operationId, page, next, `its next link ${quote(next)} has no cursor to follow`);
    }
    if (seen.has(cursor)) {
      throw pagingError(operationId, page, link, `its next link repeats the cursor ${quote(cursor)}, which was already read`);
    }
    if (page >= maxPages) {
      throw pagingError(operationId, page, link, `the listing is longer than ${maxPages} pages`);
    }
    seen.add(cursor);
  }
}

function cursorOf(link: string): string | undefined {
  try {
    return new URL(link).searchParams.get("cursor") || undefined;
  } catch {
    return undefined;
  }
}

function pagingError(operationId: string, page: number, next: unknown, why: string): ApiError {
  return new ApiError(
    {
      status: 200,
      statusText: "OK",
      provider: "replicate",
      operationId,
      method: "GET",
      url: typeof next === "string" ? next.slice(0, 500) : "",
      attempts: 1,
      requestId: undefined,
      body: undefined,
      providerMessage: undefined,
    },
    `replicate ${operationId}: stopped paging at page ${page}: ${why}`,
  );
}

function quote(value: unknown): string {
  const shown = typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));
  return JSON.stringify(shown.length > 120 ? `${shown.slice(0, 120)}…` : shown);
}
