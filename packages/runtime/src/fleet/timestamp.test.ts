import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseTimestamp } from "./timestamp.js";

describe("parseTimestamp", () => {
  it.each([
    ["Sieve: no offset means UTC, microseconds kept to the millisecond", "2024-12-15T01:41:59.195000", "2024-12-15T01:41:59.195Z"],
    ["Modzy: +0000 without a colon", "2020-05-13T18:32:59.510+0000", "2020-05-13T18:32:59.510Z"],
    ["an offset with a colon", "2021-07-20T03:40:11.187+02:00", "2021-07-20T01:40:11.187Z"],
    ["a negative offset", "2021-07-19T20:40:11-05:00", "2021-07-20T01:40:11.000Z"],
    ["RFC 3339 with Z", "2025-01-02T03:04:05Z", "2025-01-02T03:04:05.000Z"],
    ["a space instead of T", "2023-01-26 19:33:23", "2023-01-26T19:33:23.000Z"],
    ["a date alone", "2024-02-29", "2024-02-29T00:00:00.000Z"],
    ["a year below 100 stays that year", "0042-01-01T00:00:00Z", "0042-01-01T00:00:00.000Z"],
    ["29 February of year 0 (a leap year; 1900 is not)", "0000-02-29T12:00:00Z", "0000-02-29T12:00:00.000Z"],
    ["a fraction shorter than milliseconds", "2025-01-02T03:04:05.5Z", "2025-01-02T03:04:05.500Z"],
    ["a fraction longer than milliseconds, truncated", "2025-01-02T03:04:05.9999Z", "2025-01-02T03:04:05.999Z"],
  ])("%s", (_name, input, iso) => {
    expect(parseTimestamp(input)?.toISOString()).toBe(iso);
  });

  it("reads numbers as Unix seconds or milliseconds", () => {
    expect(parseTimestamp(1_700_000_000)?.toISOString()).toBe("2023-11-14T22:13:20.000Z");
    expect(parseTimestamp(1_700_000_000_123)?.toISOString()).toBe("2023-11-14T22:13:20.123Z");
  });

  it.each([["..."], ["<string>"], [""], ["2023-02-31T00:00:00Z"], ["0100-02-29"], ["2023-13-01"], ["2023-01-01T24:00:00"], ["yesterday"]])(
    "returns null for %j",
    (input) => {
      expect(parseTimestamp(input)).toBeNull();
    },
  );

  it("returns null for non-timestamps of any type", () => {
    for (const value of [null, undefined, true, {}, [], Number.NaN, -1, Number.POSITIVE_INFINITY]) expect(parseTimestamp(value)).toBeNull();
  });

  it("never throws and returns null or a valid Date for any input", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.double(), fc.anything()), (value) => {
        const result = parseTimestamp(value);
        expect(result === null || !Number.isNaN(result.getTime())).toBe(true);
      }),
    );
  });

  it("agrees with Date for every RFC 3339 instant", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("1970-01-01T00:00:00Z"), max: new Date("2200-01-01T00:00:00Z"), noInvalidDate: true }),
        (date) => {
          expect(parseTimestamp(date.toISOString())?.getTime()).toBe(date.getTime());
        },
      ),
    );
  });
});
