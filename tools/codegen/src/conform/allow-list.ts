import type { OpenApiDocument } from "../openapi/document.js";
import { isRecord } from "../openapi/json.js";
import { CONFORM_CODES, type ConformCode, type Finding } from "./finding.js";

/** The spec's root key holding the differences from the vendor's document we keep on purpose. */
export const CONFORM_EXTENSION = "x-modelfleet-conform";

/**
 * One deliberate difference: a finding's code, a pointer (into our spec or the vendor's document) and why we keep it.
 * The entry covers the findings of that code at the pointer or below it (`#/components/schemas/LegacyVersion` covers
 * each of its properties).
 */
export interface IgnoreEntry {
  code: ConformCode;
  pointer: string;
  reason: string;
  /** Where the entry is written in our spec. */
  at: string;
}

/** A problem in the allow-list itself, at its pointer in the spec. */
export interface AllowListProblem {
  message: string;
  pointer: string;
}

/** Shortest reason accepted: a word or two is not a reason a later maintainer can judge. */
const MIN_REASON = 10;

/**
 * Reads `x-modelfleet-conform: {ignore: [{code, pointer, reason}]}` from the spec's root, checking each entry: a known
 * code, a JSON pointer, and a reason. The generator runs the same check, so a broken allow-list fails `generate` too.
 */
export function readAllowList(doc: OpenApiDocument): { entries: IgnoreEntry[]; problems: AllowListProblem[] } {
  const entries: IgnoreEntry[] = [];
  const problems: AllowListProblem[] = [];
  const value = doc[CONFORM_EXTENSION];
  const base = `#/${CONFORM_EXTENSION}`;
  if (value === undefined) return { entries, problems };
  if (!isRecord(value) || Object.keys(value).some((key) => key !== "ignore")) {
    problems.push({ message: `${CONFORM_EXTENSION} must be a mapping with one key, \`ignore\``, pointer: base });
    return { entries, problems };
  }
  if (!Array.isArray(value.ignore)) {
    problems.push({ message: `${CONFORM_EXTENSION}.ignore must be a list of {code, pointer, reason}`, pointer: `${base}/ignore` });
    return { entries, problems };
  }
  value.ignore.forEach((raw, index) => {
    const at = `${base}/ignore/${index}`;
    if (!isRecord(raw)) {
      problems.push({ message: "an ignore entry must be a mapping {code, pointer, reason}", pointer: at });
      return;
    }
    const extra = Object.keys(raw).find((key) => !["code", "pointer", "reason"].includes(key));
    if (extra)
      problems.push({
        message: `unknown key \`${extra}\` in an ignore entry (it takes code, pointer and reason)`,
        pointer: `${at}/${extra}`,
      });
    const { code, pointer, reason } = raw;
    const before = problems.length;
    if (typeof code !== "string" || !(code in CONFORM_CODES))
      problems.push({
        message: `ignore code ${JSON.stringify(code ?? null)} is not one conform reports (${Object.keys(CONFORM_CODES).join(", ")})`,
        pointer: code === undefined ? at : `${at}/code`,
      });
    if (typeof pointer !== "string" || !pointer.startsWith("#/"))
      problems.push({
        message: `ignore pointer ${JSON.stringify(pointer ?? null)} must be a JSON pointer such as "#/paths/~1models/get"`,
        pointer: pointer === undefined ? at : `${at}/pointer`,
      });
    if (typeof reason !== "string" || reason.trim().length < MIN_REASON)
      problems.push({
        message: "every ignore entry needs a reason: why the difference is deliberate, in a sentence",
        pointer: reason === undefined ? at : `${at}/reason`,
      });
    if (problems.length === before && !extra)
      entries.push({ code: code as ConformCode, pointer: pointer as string, reason: (reason as string).trim(), at });
  });
  return { entries, problems };
}

/** Splits findings into those the allow-list covers and the rest, and names the entries nothing matched. */
export function applyAllowList(
  findings: Finding[],
  entries: IgnoreEntry[],
): { kept: Finding[]; ignored: Finding[]; unused: IgnoreEntry[] } {
  const used = new Set<IgnoreEntry>();
  const kept: Finding[] = [];
  const ignored: Finding[] = [];
  for (const f of findings) {
    const entry = entries.find((e) => e.code === f.code && (covers(e.pointer, f.pointer) || covers(e.pointer, f.vendorPointer)));
    if (entry) {
      used.add(entry);
      ignored.push(f);
    } else kept.push(f);
  }
  return { kept, ignored, unused: entries.filter((e) => !used.has(e)) };
}

function covers(entry: string, pointer: string): boolean {
  return pointer === entry || pointer.startsWith(`${entry}/`);
}
