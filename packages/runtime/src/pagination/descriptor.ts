/**
 * How a list operation pages, read by the codegen from the spec's `x-modelfleet-pagination` extension and emitted
 * into the operation table. Parameter names are the operation's query parameters; `items`, `total` and `next` are
 * JSON pointers into the success body (`""` is the body itself).
 */
export interface PaginationDescriptor {
  /**
   * - `offset`: `offset` advances by the number of items received; ends on an empty page, on `total`, or (without a
   *   total) on a page shorter than the page size.
   * - `page`: `page` counts up from `firstPage`; ends on an empty or short page, on `total`, or, with
   *   `next: "link-header"`, when the response has no RFC 8288 `Link: <…>; rel="next"`.
   * - `cursor`: the value at `next` in the body is sent back as the `cursor` parameter (page tokens too); ends when it
   *   is missing, `null` or empty.
   * - `next-url`: the next request goes to the URL at `next` in the body, or in the `Link` header's `rel="next"`
   *   (`next: "link-header"`), which must stay under the client's base URL.
   */
  readonly style: "offset" | "page" | "cursor" | "next-url";
  /** Pointer to the page's array of items. */
  readonly items: string;
  /** `offset` style: the query parameter carrying the offset. */
  readonly offset?: string;
  /** `page` style: the query parameter carrying the page number. */
  readonly page?: string;
  /** `page` style: the number of the first page (default 1). */
  readonly firstPage?: number;
  /** `cursor` style: the query parameter carrying the cursor or page token. */
  readonly cursor?: string;
  /** The query parameter carrying the page size, if the operation has one. */
  readonly limit?: string;
  /** The page size the provider uses when none is sent (the parameter's `default` in the spec). */
  readonly defaultLimit?: number;
  /** Pointer to the total number of items, for `offset` and `page` styles. */
  readonly total?: string;
  /** `cursor`: pointer to the next cursor. `next-url`: pointer to the next URL, or `link-header`. `page`: `link-header`. */
  readonly next?: string;
}
