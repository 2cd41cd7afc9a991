import { InvalidArgumentError } from "@modelfleet/runtime";
import { describe, expect, it } from "vitest";
import { parseCostWindow } from "./window.js";

const NOW = Date.parse("2026-03-10T12:00:00Z");
const iso = (w: { from: Date; to: Date }) => [w.from.toISOString(), w.to.toISOString()];

describe("parseCostWindow", () => {
  it("reads hours and days back from now", () => {
    expect(iso(parseCostWindow("24h", NOW))).toEqual(["2026-03-09T12:00:00.000Z", "2026-03-10T12:00:00.000Z"]);
    expect(iso(parseCostWindow("7d", NOW))).toEqual(["2026-03-03T12:00:00.000Z", "2026-03-10T12:00:00.000Z"]);
    expect(iso(parseCostWindow(" 1h ", NOW))).toEqual(["2026-03-10T11:00:00.000Z", "2026-03-10T12:00:00.000Z"]);
  });

  it("reads <from>..<to> as dates (UTC midnight) or timestamps with offsets", () => {
    expect(iso(parseCostWindow("2026-03-01..2026-03-08", NOW))).toEqual(["2026-03-01T00:00:00.000Z", "2026-03-08T00:00:00.000Z"]);
    expect(iso(parseCostWindow("2026-03-01T10:00:00+02:00..2026-03-01T12:30Z", NOW))).toEqual([
      "2026-03-01T08:00:00.000Z",
      "2026-03-01T12:30:00.000Z",
    ]);
  });

  it("takes { from, to } as given, copied", () => {
    const from = new Date("2026-03-01T00:00:00Z");
    const window = parseCostWindow({ from, to: new Date(NOW) }, NOW);
    expect(window.from).not.toBe(from);
    expect(iso(window)).toEqual(["2026-03-01T00:00:00.000Z", "2026-03-10T12:00:00.000Z"]);
  });

  it.each([
    ["", /got ""/],
    ["0h", /empty window/],
    ["24", /got "24"/],
    ["3w", /got "3w"/],
    ["-1d", /got "-1d"/],
    ["99999d", /longer than 3660 days/],
    ["2026-03-08..2026-03-01", /start must be before the end/],
    ["2026-03-01..2026-03-01", /start must be before the end/],
    ["2026-03-01..2026-04-01", /end is in the future/],
    ["2026-02-30..2026-03-01", /the start is not a date/],
    ["2026-03-01..soon", /the end is not a date/],
    ["1700000000..1700003600", /the start is not a date/],
    ["2026-03-01..2026-03-02..2026-03-03", /got/],
  ])("refuses %j with InvalidArgumentError naming the forms", (input, message) => {
    let caught: unknown;
    try {
      parseCostWindow(input, NOW);
    } catch (error) {
      caught = error;
    }
    expect(InvalidArgumentError.isInstance(caught)).toBe(true);
    expect((caught as InvalidArgumentError).argument).toBe("window");
    expect((caught as Error).message).toMatch(message);
    expect((caught as Error).message).toContain("Expected <n>h or <n>d (e.g. 24h, 7d) or <from>..<to>");
  });

  it("refuses what is not a window at all", () => {
    expect(() => parseCostWindow(42 as never, NOW)).toThrow(/got 42/);
    expect(() => parseCostWindow({ from: new Date("x"), to: new Date(NOW) }, NOW)).toThrow(/valid dates/);
  });

  it("allows an end a little after now (clocks differ), not more", () => {
    expect(() => parseCostWindow({ from: new Date(NOW - 1000), to: new Date(NOW + 30_000) }, NOW)).not.toThrow();
    expect(() => parseCostWindow({ from: new Date(NOW - 1000), to: new Date(NOW + 120_000) }, NOW)).toThrow(/future/);
  });
});
