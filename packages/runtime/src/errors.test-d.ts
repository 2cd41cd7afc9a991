import { describe, expectTypeOf, it } from "vitest";
import { ApiError, InternalServerError, NotFoundError, RateLimitError } from "./errors.js";

describe("error types", () => {
  it("status narrows by class", () => {
    const error: unknown = undefined;
    if (error instanceof NotFoundError) expectTypeOf(error.status).toEqualTypeOf<404>();
    if (error instanceof RateLimitError) {
      expectTypeOf(error.status).toEqualTypeOf<429>();
      expectTypeOf(error.retryAfterMs).toEqualTypeOf<number | undefined>();
    }
    if (error instanceof InternalServerError) expectTypeOf(error.status).toEqualTypeOf<number>();
    if (ApiError.isInstance(error)) expectTypeOf(error).toEqualTypeOf<ApiError>();
  });
});
