import { InvalidArgumentError } from "@modelfleet/runtime";
import { parseTimestamp } from "@modelfleet/runtime/fleet";

/** A window of time a cost report covers: `from` inclusive, `to` exclusive. */
export interface CostWindow {
  from: Date;
  to: Date;
}

/**
 * How a window is given: `24h` or `7d` (the last hours or days up to now, any whole number), `<from>..<to>` (two
 * dates or timestamps, UTC when they carry no offset, e.g. `2026-03-01..2026-03-08`), or the two dates themselves.
 */
export type CostWindowInput = string | { from: Date; to: Date };

const RELATIVE = /^(\d{1,5})([hd])$/;
const HOUR_MS = 3_600_000;
/** A window ending this far after now is still "up to now": the caller's clock and ours may differ a little. */
const FUTURE_SLACK_MS = 60_000;
/** No platform keeps usage longer than a few years; a longer window is a typo. */
const MAX_DAYS = 3660;

/**
 * Reads a cost window and checks it: `from` before `to`, `to` not in the future. Throws before any request.
 * @throws InvalidArgumentError (argument `window`) naming the accepted forms.
 */
export function parseCostWindow(input: CostWindowInput, now: number): CostWindow {
  if (typeof input === "object" && input !== null) return checkWindow(input.from, input.to, now, "");
  if (typeof input !== "string") throw bad(`got ${JSON.stringify(input) ?? String(input)}`);
  const text = input.trim();
  const relative = RELATIVE.exec(text);
  if (relative) {
    const amount = Number(relative[1]);
    const hours = relative[2] === "d" ? amount * 24 : amount;
    if (amount === 0) throw bad(`${JSON.stringify(input)} is an empty window`);
    if (hours > MAX_DAYS * 24) throw bad(`${JSON.stringify(input)} is longer than ${MAX_DAYS} days`);
    return { from: new Date(now - hours * HOUR_MS), to: new Date(now) };
  }
  const parts = text.split("..");
  if (parts.length === 2) {
    const [from, to] = parts.map((part) => (/^\d+$/.test(part.trim()) ? null : parseTimestamp(part.trim())));
    if (!from || !to) throw bad(`${JSON.stringify(input)}: ${from ? "the end" : "the start"} is not a date or timestamp`);
    return checkWindow(from, to, now, ` in ${JSON.stringify(input)}`);
  }
  throw bad(`got ${JSON.stringify(input)}`);
}

function checkWindow(from: unknown, to: unknown, now: number, where: string): CostWindow {
  if (!(from instanceof Date) || Number.isNaN(from.getTime()) || !(to instanceof Date) || Number.isNaN(to.getTime())) {
    throw bad("from and to must be valid dates");
  }
  if (from.getTime() >= to.getTime()) throw bad(`the start must be before the end${where}`);
  if (to.getTime() > now + FUTURE_SLACK_MS) throw bad(`the end is in the future${where}: usage is known only up to now`);
  if (to.getTime() - from.getTime() > MAX_DAYS * 24 * HOUR_MS) throw bad(`the window is longer than ${MAX_DAYS} days${where}`);
  return { from: new Date(from.getTime()), to: new Date(to.getTime()) };
}

function bad(detail: string): InvalidArgumentError {
  return new InvalidArgumentError(
    "window",
    `Invalid cost window: ${detail}. Expected <n>h or <n>d (e.g. 24h, 7d) or <from>..<to> (e.g. 2026-03-01..2026-03-08)`,
  );
}
