import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidPriceError } from "../errors.js";
import { amountToMicroUsd, formatUsd, hourlyRateToMicroUsd, MAX_HOURLY_RATE_USD } from "./money.js";

describe("hourlyRateToMicroUsd: every price unit the platforms send", () => {
  it.each([
    // DeepInfra gpu_availability usd_per_hour (a JSON number).
    [2.4, "usd/hour", 2_400_000],
    [0.89, "usd/hour", 890_000],
    // Hugging Face pricePerHour, USD per replica-hour.
    [0.8, "usd/hour", 800_000],
    [4.5, "usd/hour", 4_500_000],
    // Baseten instance_type_prices price, USD per minute: 0.0175 × 60 is 1.05 exactly, not 1.0500000000000003.
    [0.0175, "usd/minute", 1_050_000],
    [0.01753, "usd/minute", 1_051_800],
    ["0.00058", "usd/minute", 34_800],
    // Together v1 pricing.cents_per_minute.
    [4.25, "cents/minute", 2_550_000],
    [9.95, "cents/minute", 5_970_000],
    ["0.1", "cents/minute", 60_000],
    // Together v2 priceCentsPerHour, per replica.
    [249, "cents/hour", 2_490_000],
    // Replicate's public list in USD per second (user price tables).
    ["0.000225", "usd/second", 810_000],
    [0.001525, "usd/second", 5_490_000],
  ] as const)("%s %s is %d micro-USD per hour", (value, unit, micro) => {
    expect(hourlyRateToMicroUsd(value, unit)).toBe(micro);
  });

  it("is exact where floating point drifts", () => {
    // 0.1 + 0.2 as a platform would print it after summing in floating point.
    expect(hourlyRateToMicroUsd(0.1 + 0.2, "usd/hour")).toBe(300_000);
    expect(0.0335 * 60 * 1e6).not.toBe(2_010_000);
    expect(hourlyRateToMicroUsd(0.0335, "usd/minute")).toBe(2_010_000);
    expect(1.15 * 100).not.toBe(115);
    expect(hourlyRateToMicroUsd(1.15, "cents/hour")).toBe(11_500);
  });

  it("reads exponents and rounds half to even once, at the end", () => {
    expect(hourlyRateToMicroUsd(1e-7, "usd/hour")).toBe(0);
    expect(hourlyRateToMicroUsd("2.5e-6", "usd/hour")).toBe(2);
    expect(hourlyRateToMicroUsd("3.5e-6", "usd/hour")).toBe(4);
    expect(hourlyRateToMicroUsd("1.2E2", "usd/hour")).toBe(120_000_000);
    // 0.0000005 USD/s is 1.8 micro-USD/h: rounded only after scaling, not to zero per second first.
    expect(hourlyRateToMicroUsd("0.0000005", "usd/second")).toBe(1_800);
  });

  it("matches the integer ratio of the value's decimal digits for any decimal", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_666_666 }), fc.integer({ min: 0, max: 8 }), (digits, places) => {
        const text = (digits / 10 ** places).toFixed(places);
        const units = BigInt(text.replace(".", ""));
        // cents/minute → micro-USD/hour is × 600 000, over 10^places.
        const exact = (units * 600_000n * 2n + 10n ** BigInt(places)) / (2n * 10n ** BigInt(places));
        const result = hourlyRateToMicroUsd(text, "cents/minute");
        expect(BigInt(result) - exact).toBeGreaterThanOrEqual(-1n);
        expect(BigInt(result) - exact).toBeLessThanOrEqual(0n);
      }),
    );
  });

  it.each([
    ["abc", /not a decimal number/],
    ["", /not a decimal number/],
    ["1,5", /not a decimal number/],
    ["0x10", /not a decimal number/],
    ["1e9999", /not a decimal number/],
    [`1${"0".repeat(80)}`, /not a decimal number/],
    [-0.5, /negative/],
    ["-0.5", /negative/],
    [Number.NaN, /not a finite number/],
    [Number.POSITIVE_INFINITY, /not a finite number/],
    [null, /not a number or a decimal string/],
    [true, /not a number or a decimal string/],
    [{ amount: 1 }, /not a number or a decimal string/],
    [1_000_000.01, /more than 1000000 USD per hour/],
    [16_667, /more than 1000000 USD per hour/],
  ])("refuses %s with InvalidPriceError", (value, message) => {
    const unit = value === 16_667 ? "usd/minute" : "usd/hour";
    const call = () => hourlyRateToMicroUsd(value as number, unit, { provider: "baseten", field: "price of A10G" });
    expect(call).toThrow(InvalidPriceError);
    expect(call).toThrow(message);
    try {
      call();
    } catch (error) {
      expect(error).toMatchObject({ name: "InvalidPriceError", provider: "baseten", field: "price of A10G" });
      expect((error as Error).message).toMatch(/^baseten price of A10G: /);
    }
  });

  it("accepts the limit itself", () => {
    expect(hourlyRateToMicroUsd(MAX_HOURLY_RATE_USD, "usd/hour")).toBe(1e12);
  });
});

describe("amountToMicroUsd", () => {
  it.each([
    // DeepInfra /deploy/{id}/stats total_amount and /payment/usage total_cost: integer cents.
    [1234, "cents", 12_340_000],
    [0, "cents", 0],
    // DeepInfra /v1/request-costs costNanoUsd.
    [1500, "nano-usd", 2],
    [2500, "nano-usd", 2],
    [3500, "nano-usd", 4],
    [123_456_789_012, "nano-usd", 123_456_789],
    // Sieve total_cost_dollars (number), Baseten subtotal (number or decimal string), Opper v2 cost (string).
    [12.345678, "usd", 12_345_678],
    [0.1 + 0.2, "usd", 300_000],
    ["1087.4300", "usd", 1_087_430_000],
    ["0.0000015", "usd", 2],
    ["0.0000025", "usd", 2],
  ] as const)("%s %s is %d micro-USD", (value, unit, micro) => {
    expect(amountToMicroUsd(value, unit)).toBe(micro);
  });

  it("sums exactly where floating point does not", () => {
    const parts = ["0.1", "0.2", "0.3"].map((v) => amountToMicroUsd(v, "usd"));
    expect(parts.reduce((a, b) => a + b, 0)).toBe(600_000);
    expect(0.1 + 0.2 + 0.3).not.toBe(0.6);
  });

  it("refuses a spend beyond Number.MAX_SAFE_INTEGER micro-dollars, and hostile values", () => {
    expect(() => amountToMicroUsd(9_007_199_255, "usd")).toThrow(InvalidPriceError);
    expect(amountToMicroUsd(9_007_199_254, "usd")).toBe(9_007_199_254_000_000);
    expect(() => amountToMicroUsd("-1", "cents", { provider: "deepinfra" })).toThrow(/^deepinfra: "-1" is negative$/);
    expect(() => amountToMicroUsd([1] as unknown as number, "usd")).toThrow(/an array is not a number or a decimal string/);
  });
});

describe("formatUsd", () => {
  it.each([
    [0, "$0.00"],
    [1, "$0.00"],
    [5_000, "$0.00"],
    [15_000, "$0.02"],
    [25_000, "$0.02"],
    [1_234_567_890, "$1,234.57"],
    [1_000_000_000_000, "$1,000,000.00"],
    [-2_500_000, "-$2.50"],
    [Number.MAX_SAFE_INTEGER, "$9,007,199,254.74"],
  ])("%d micro-USD is %s", (micro, text) => {
    expect(formatUsd(micro)).toBe(text);
  });

  it("refuses what is not a whole number of micro-dollars", () => {
    expect(() => formatUsd(1.5)).toThrow(InvalidPriceError);
    expect(() => formatUsd(Number.NaN)).toThrow(InvalidPriceError);
  });
});
