// Providers send timestamps RFC 3339 does not allow: Sieve without an offset (meaning UTC) and with microseconds,
// Modzy with `+0000` (no colon). `Date.parse` is lenient in some cases and engine-specific in others, so the
// grammar is explicit here.
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?$/;

/**
 * Parses a provider timestamp into a `Date`, or returns `null` for anything that is not a valid instant.
 * A timestamp without an offset is UTC. Numbers are Unix time: seconds, or milliseconds when above 10¹¹.
 */
export function parseTimestamp(value: unknown): Date | null {
  if (typeof value === "number") {
    if (!Number.isFinite(value) || value < 0) return null;
    return validDate(value > 1e11 ? value : value * 1000);
  }
  if (typeof value !== "string") return null;
  const match = TIMESTAMP.exec(value.trim());
  if (!match) return null;
  const [, y, mo, d, h = "0", mi = "0", s = "0", fraction = "", , sign, oh = "0", om = "0"] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  const offsetMinutes = sign ? (sign === "-" ? -1 : 1) * (Number(oh) * 60 + Number(om)) : 0;
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 60 || Number(oh) > 23 || Number(om) > 59) return null;
  // Milliseconds: the fraction's first three digits (shorter ones padded), the rest truncated.
  const millis = fraction ? Number(fraction.slice(0, 3).padEnd(3, "0")) : 0;
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59)));
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear does not.
  if (year < 100) date.setUTCFullYear(year, month - 1, day);
  // 31 February rolls over into March; a day that moved is not a real date.
  if (date.getUTCDate() !== day) return null;
  return validDate(date.getTime() + millis - offsetMinutes * 60_000);
}

function validDate(ms: number): Date | null {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? null : date;
}
