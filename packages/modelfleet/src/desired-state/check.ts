import { InvalidArgumentError } from "@modelfleet/runtime";
import { formatRef, parseRef } from "../refs.js";
import type { DesiredState } from "./types.js";

/** One problem in a desired state, at a path into it (`["deployments", 2, "scaling", "min"]`). */
export interface DesiredStateIssue {
  path: (string | number)[];
  message: string;
}

const TOP_KEYS = ["$schema", "deployments"];
const ENTRY_KEYS = ["ref", "scaling", "state"];
const SCALING_KEYS = ["min", "max"];
const STATES = ["running", "stopped"];

/**
 * Checks a desired state given as a value (from code, or parsed from a file). `structure: false` leaves out what
 * the JSON Schema already checks for a file (types, keys, enums) and keeps what a schema cannot say: a reference's
 * grammar, min ≤ max, and the same reference twice (compared in its canonical form).
 */
export function checkDesiredState(value: unknown, { structure = true }: { structure?: boolean } = {}): DesiredStateIssue[] {
  const issues: DesiredStateIssue[] = [];
  const add = (path: (string | number)[], message: string) => issues.push({ path, message });
  if (!isRecord(value)) {
    if (structure) add([], "must be an object with a deployments list");
    return issues;
  }
  if (structure) unknownKeys(value, TOP_KEYS, [], add);
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
    const { ref, scaling, state } = entry;
    if (typeof ref !== "string") {
      if (structure) add([...at, "ref"], ref === undefined ? "ref is required" : "ref must be a string");
    } else {
      try {
        const canonical = formatRef(parseRef(ref));
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
export function assertDesiredState(value: unknown): DesiredState {
  const issues = checkDesiredState(value);
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
