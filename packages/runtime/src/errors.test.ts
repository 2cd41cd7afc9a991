import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { ApiError, apiErrorClassFor, ConnectionError, ModelfleetError, NotFoundError, RateLimitError, TimeoutError } from "./errors.js";

const init = {
  provider: "acme",
  operationId: "getThing",
  method: "GET",
  url: "https://x.test/t",
  attempts: 1,
  statusText: "",
  requestId: undefined,
  body: {},
  providerMessage: undefined,
};

describe("errors", () => {
  it("names come from the registration; a user's own subclass keeps its class name", () => {
    class ModelMissing extends NotFoundError {}
    expect(new NotFoundError({ ...init, status: 404 }).name).toBe("NotFoundError");
    expect(new ModelMissing({ ...init, status: 404 }).name).toBe("ModelMissing");
    expect(NotFoundError.isInstance(new ModelMissing({ ...init, status: 404 }))).toBe(true);
  });

  it("maps statuses to classes", () => {
    expect(apiErrorClassFor(404)).toBe(NotFoundError);
    expect(apiErrorClassFor(429)).toBe(RateLimitError);
    expect(apiErrorClassFor(503).name).toBe("InternalServerError");
    expect(apiErrorClassFor(418)).toBe(ApiError);
  });

  it("isInstance recognises errors from another copy of the package", () => {
    // The built CommonJS bundle is a second, independent copy of every class.
    const other = createRequire(import.meta.url)("../dist/index.cjs") as typeof import("./index.js");
    const foreign = new other.NotFoundError({ ...init, status: 404 });
    expect(foreign instanceof NotFoundError).toBe(false);
    expect(NotFoundError.isInstance(foreign)).toBe(true);
    expect(ApiError.isInstance(foreign)).toBe(true);
    expect(ModelfleetError.isInstance(foreign)).toBe(true);
    expect(RateLimitError.isInstance(foreign)).toBe(false);
    expect(ConnectionError.isInstance(new other.TimeoutError({ ...init }, 10))).toBe(true);
    expect(TimeoutError.isInstance(new other.ConnectionError({ ...init }))).toBe(false);
    expect(ModelfleetError.isInstance({ message: "look-alike" })).toBe(false);
  });

  it("markers do not show up as enumerable fields", () => {
    const error = new NotFoundError({ ...init, status: 404 });
    expect(Object.getOwnPropertySymbols(error)).toEqual([]);
    expect(error.isRetryable).toBe(false);
    expect(new ApiError({ ...init, status: 503 }).isRetryable).toBe(true);
  });
});

describe("cost errors", () => {
  it("carry the provider and what was looked up, and are told apart by marker", async () => {
    const { InvalidPriceError, PriceNotFoundError, UsageWindowError } = await import("./errors.js");
    const missing = new PriceNotFoundError("together", "2x_nvidia_a100_80gb_sxm");
    expect(missing.message).toBe('together: the price catalogue has no entry for hardware "2x_nvidia_a100_80gb_sxm"');
    expect(missing.toJSON()).toEqual({
      name: "PriceNotFoundError",
      message: missing.message,
      isRetryable: false,
      provider: "together",
      hardware: "2x_nvidia_a100_80gb_sxm",
    });
    expect(new PriceNotFoundError("baseten", null).message).toBe("baseten: the deployment names no hardware, so it has no price");
    const invalid = new InvalidPriceError("baseten", "price", "bad");
    expect(invalid.toJSON()).toMatchObject({ name: "InvalidPriceError", provider: "baseten", field: "price" });
    const window = new UsageWindowError("sieve", "a window is one week at most");
    expect(window.message).toBe("sieve: a window is one week at most");
    expect(UsageWindowError.isInstance(window)).toBe(true);
    expect(PriceNotFoundError.isInstance(window)).toBe(false);
    expect(ModelfleetError.isInstance(invalid)).toBe(true);
  });
});
