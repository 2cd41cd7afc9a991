import { describe, expect, it } from "vitest";
import { ModelfleetError } from "../errors.js";
import { InvalidPriceError, PriceNotFoundError, UsageWindowError } from "./cost-errors.js";

describe("cost errors", () => {
  it("carry the provider and what was looked up, and are told apart by marker", () => {
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
