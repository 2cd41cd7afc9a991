import { InvalidArgumentError } from "@modelfleet/runtime";
import { checkPriceTable } from "../cost/price-table.js";
import type { ReferenceReader } from "./access.js";
import type { DesiredState } from "./types.js";

/** One problem in a desired state, at a path into it (`["deployments", 2, "scaling", "min"]`). */
export interface DesiredStateIssue {
  path: (string | number)[];
  message: string;
}

const TOP_KEYS = ["$schema", "deployments", "prices"];
const ENTRY_KEYS = ["ref", "scaling", "state", "version"];
const SCALING_KEYS = ["min", "max"];
const STATES = ["running", "stopped"];

/** Options of {@link checkDesiredState}. */
export interface CheckDesiredStateOptions {
  /** `false` leaves out what the JSON Schema already checks for a file (types, keys, enums). Default `true`. */
  structure?: boolean;
  /**
   * Reads references in each provider's grammar, e.g. a fleet (a fleet is one): a malformed reference or an
   * unknown provider is then a problem, and a reference named twice is found in any spelling of it. Without it,
   * references are compared as written.
   */
  references?: ReferenceReader;
}

/**
 * Checks a desired state given as a value (from code, or parsed from a file): its structure, and what a schema
 * cannot say: a reference's grammar, min ≤ max, and the same reference twice.
 */
export function checkDesiredState(value: unknown, { structure = true, references }: CheckDesiredStateOptions = {}): DesiredStateIssue[] {
  const issues: DesiredStateIssue[] = [];
  const add = (path: (string | number)[], message: string) => issues.push({ path, message });
  if (!isRecord(value)) {
    if (structure) add([], "must be an object with a deployments list");
    return issues;
  }
  if (structure) unknownKeys(value, TOP_KEYS, [], add);
  if (structure && value.prices !== undefined)
    for (const issue of checkPriceTable(value.prices, ["prices"])) add(issue.path, issue.message);
  const deployments = value.deployments;
  if (!Array.isArray(deployments)) {
    if (structure) add(["deployments"], "deployments must be a list");
    return issues;
  }
  const seen = new Map<string, number>();
  deployments.forEach((entry: unknown, index) => {
    const at = ["deployments", index];
    if (!isRecord(entry)) {
      if (structure) add(at, "each deployment must be an object with a ref");
      return;
    }
    if (structure) unknownKeys(entry, ENTRY_KEYS, at, add);
    const { ref, scaling, state, version } = entry;
    if (typeof ref !== "string") {
      if (structure) add([...at, "ref"], ref === undefined ? "ref is required" : "ref must be a string");
    } else {
      try {
        const canonical = references ? references.formatRef(references.parseRef(ref)) : ref;
        const first = seen.get(canonical);
        if (first === undefined) seen.set(canonical, index);
        else add([...at, "ref"], `duplicate reference ${canonical} (also deployments[${first}])`);
      } catch (error) {
        add([...at, "ref"], (error as Error).message);
      }
    }
    if (scaling !== undefined) checkScaling(scaling, [...at, "scaling"], structure, add);
    if (structure && state !== undefined && !STATES.includes(state as string)) {
      add([...at, "state"], `state must be running or stopped, got ${JSON.stringify(state)}`);
    }
    // A schema says "a string"; a version of blanks is no version either.
    if (version !== undefined && (typeof version !== "string" || version.trim() === "")) {
      if (structure || typeof version === "string")
        add([...at, "version"], `version must be a non-empty string, got ${JSON.stringify(version)}`);
    }
  });
  return issues;
}

function checkScaling(scaling: unknown, at: (string | number)[], structure: boolean, add: (p: (string | number)[], m: string) => void) {
  if (!isRecord(scaling)) {
    if (structure) add(at, "scaling must be an object with min and max");
    return;
  }
  if (structure) {
    unknownKeys(scaling, SCALING_KEYS, at, add);
    for (const key of SCALING_KEYS) {
      const bound = scaling[key];
      if (bound === undefined) add([...at, key], `${key} is required`);
      else if (!isCount(bound)) add([...at, key], `${key} must be a non-negative integer, got ${JSON.stringify(bound)}`);
    }
  }
  if (isCount(scaling.min) && isCount(scaling.max) && scaling.min > scaling.max) {
    add([...at, "min"], `min (${scaling.min}) must not exceed max (${scaling.max})`);
  }
}

/**
 * Throws an `InvalidArgumentError` (argument `desired`) naming every problem, before any request.
 * @returns the same value, typed.
 */
export function assertDesiredState(value: unknown, references?: ReferenceReader): DesiredState {
  const issues = checkDesiredState(value, references ? { references } : {});
  if (issues.length) {
    throw new InvalidArgumentError(
      "desired",
      `invalid desired state: ${issues.map((i) => `${formatPath(i.path)}: ${i.message}`).join("; ")}`,
    );
  }
  return value as DesiredState;
}

/** `deployments[2].scaling.min`, or `(root)`. */
export function formatPath(path: readonly (string | number)[]): string {
  if (path.length === 0) return "(root)";
  return path.map((part, i) => (typeof part === "number" ? `[${part}]` : i === 0 ? part : `.${part}`)).join("");
}

function unknownKeys(
  value: Record<string, unknown>,
  known: string[],
  at: (string | number)[],
  add: (p: (string | number)[], m: string) => void,
) {
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) add([...at, key], `unknown key ${JSON.stringify(key)} (expected ${known.join(", ")})`);
  }
}

function isCount(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
