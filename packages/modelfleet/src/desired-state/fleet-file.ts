import { readFile } from "node:fs/promises";
import { ModelfleetError } from "@modelfleet/runtime";
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument, stringify } from "yaml";
import { checkPriceTable, type PriceTable } from "../cost/price-table.js";
import { registerErrorClass } from "../errors.js";
import { type SchemaError, validate } from "../generated/fleet-file-validator.js";
import type { ReferenceReader } from "./access.js";
import { checkDesiredState, formatPath } from "./check.js";
import schema from "./fleet.schema.json";
import type { DesiredState } from "./types.js";

/** Where a fleet file's JSON Schema is published (also in the package, as `modelfleet/fleet.schema.json`). */
export const FLEET_SCHEMA_URL = schema.$id;

/** One problem in a fleet file, with where it is. */
export interface FleetFileProblem {
  /** 1-based line and column; the start of the file when the place is unknown. */
  line: number;
  column: number;
  /** The offending key as a path, e.g. `deployments[1].scaling.min`; `(root)` for the file as a whole. */
  key: string;
  message: string;
}

/**
 * A fleet file does not parse or does not check out: every problem, each with its line and key. Nothing was sent.
 * The message has one `file:line:column: key: message` line per problem.
 */
export class FleetFileError extends ModelfleetError {
  /** True for a `FleetFileError` from this or another copy of the package. */
  declare static isInstance: (value: unknown) => value is FleetFileError;
  readonly file: string;
  readonly problems: readonly FleetFileProblem[];
  constructor(file: string, problems: readonly FleetFileProblem[]) {
    super(problems.map((p) => `${file}:${p.line}:${p.column}: ${p.key}: ${p.message}`).join("\n"));
    this.file = file;
    this.problems = problems;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), file: this.file, problems: this.problems };
  }
}
registerErrorClass(FleetFileError, "FleetFileError");

/** Options of {@link parseFleetFile} and {@link readFleetFile}. */
export interface FleetFileOptions {
  /** The name errors show, and whether it is JSON (a name ending in `.json`); default `fleet file` (YAML). */
  file?: string;
  /**
   * Reads references in each provider's grammar: pass the fleet the file is for (a fleet is one). A malformed
   * reference or an unknown provider is then a problem with its line, and a reference named twice is found in any
   * spelling of it; without it, references are only checked for the `<provider id>:<rest>` shape.
   */
  references?: ReferenceReader;
  /** The known provider ids: a price table (`prices:`) naming another is then a problem with its line. */
  providers?: readonly string[];
}

/**
 * Parses and checks a fleet file's text: YAML, or JSON when `file` ends in `.json`. Checked against the published
 * JSON Schema, then for what a schema cannot say (a reference's grammar, min ≤ max, a reference named twice).
 * @throws FleetFileError naming every problem with its line and key.
 */
export function parseFleetFile(text: string, options: FleetFileOptions = {}): DesiredState {
  const { references, providers } = options;
  const document = readDocument(text, options.file ?? "fleet file");
  const { value, add } = document;
  // The price table's own checks say more than the schema's alternatives (a negative price, not "an integer").
  if (!validate(value))
    for (const error of validate.errors ?? []) if (!/^\/prices(\/|$)/.test(error.instancePath)) add(...describeSchemaError(error));
  for (const issue of checkDesiredState(value, references ? { structure: false, references } : { structure: false })) {
    add(issue.path, issue.message, false);
  }
  if (isRecord(value) && value.prices !== undefined) addPriceIssues(value.prices, providers, add);
  document.finish();
  return value as DesiredState;
}

/**
 * Parses a price table file for `modelfleet cost --prices`: YAML (or JSON when `file` ends in `.json`) with a
 * `prices:` mapping as a fleet file has it; a whole fleet file is read as one, and its `prices:` returned.
 * @throws FleetFileError naming every problem with its line and key (a negative or non-numeric price, an unknown provider).
 */
export function parsePriceFile(text: string, options: Omit<FleetFileOptions, "references"> = {}): PriceTable {
  const document = readDocument(text, options.file ?? "price file");
  const { value, add } = document;
  if (isRecord(value) && value.deployments !== undefined) return parseFleetFile(text, options).prices ?? {};
  if (!isRecord(value)) add([], "a price file must be a mapping with a prices: key", false);
  else {
    for (const key of Object.keys(value)) {
      if (key !== "$schema" && key !== "prices") add([key], `unknown key ${JSON.stringify(key)} (expected $schema, prices)`, true);
    }
    if (value.prices === undefined) add(["prices"], "prices is required", false);
    else addPriceIssues(value.prices, options.providers, add);
  }
  document.finish();
  return (value as { prices: PriceTable }).prices;
}

/**
 * The error for problems found in a fleet or price file after it was read (a price entry no deployment runs on),
 * each located in the file's `text` by its path, as parsing would have.
 */
export function fleetFileErrorAt(
  text: string,
  file: string,
  problems: readonly { path: (string | number)[]; message: string; onKey?: boolean }[],
): FleetFileError {
  const document = readDocument(text, file);
  for (const problem of problems) document.add(problem.path, problem.message, problem.onKey ?? true);
  try {
    document.finish();
  } catch (error) {
    return error as FleetFileError;
  }
  return new FleetFileError(file, []);
}

type AddProblem = (path: (string | number)[], message: string, onKey: boolean) => void;

function addPriceIssues(prices: unknown, providers: readonly string[] | undefined, add: AddProblem): void {
  // A provider that is not known is pointed at by its key; a bad price by its value.
  for (const issue of checkPriceTable(prices, ["prices"], providers)) add(issue.path, issue.message, issue.path.length === 2);
}

/** A document parsed with positions, and its problems gathered; `finish` throws them, sorted by place. */
function readDocument(text: string, file: string): { value: unknown; add: AddProblem; finish(): void } {
  const lines = new LineCounter();
  const at = (offset: number) => lines.linePos(Math.max(0, Math.min(offset, text.length)));
  const isJson = /\.json$/i.test(file);
  if (isJson) {
    try {
      JSON.parse(text);
    } catch (error) {
      const offset = Number(/position (\d+)/.exec((error as Error).message)?.[1] ?? 0);
      lines.addNewLine(0);
      for (let i = 0; i < text.length; i++) if (text[i] === "\n") lines.addNewLine(i + 1);
      const { line, col } = at(offset);
      throw new FleetFileError(file, [{ line, column: col, key: "(root)", message: `not valid JSON: ${(error as Error).message}` }]);
    }
  }
  // JSON is YAML too: one parser gives both formats their positions.
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length) {
    throw new FleetFileError(
      file,
      doc.errors.map((error) => {
        const { line, col } = at(error.pos[0]);
        return { line, column: col, key: "(root)", message: `not valid ${isJson ? "JSON" : "YAML"}: ${firstLine(error.message)}` };
      }),
    );
  }
  const value: unknown = doc.toJS();
  const problems: FleetFileProblem[] = [];
  const seen = new Set<string>();
  const add: AddProblem = (path, message, onKey) => {
    const key = formatPath(path);
    if (seen.has(key)) return;
    seen.add(key);
    const { line, col } = at(offsetOf(doc.contents, path, onKey));
    problems.push({ line, column: col, key, message });
  };
  return {
    value,
    add,
    finish() {
      if (problems.length)
        throw new FleetFileError(
          file,
          problems.sort((a, b) => a.line - b.line || a.column - b.column),
        );
    },
  };
}

/** Reads a fleet file from disk and parses it (see {@link parseFleetFile}); `options.file` defaults to `path`. */
export async function readFleetFile(path: string, options: Omit<FleetFileOptions, "file"> = {}): Promise<DesiredState> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message;
    throw new FleetFileError(path, [{ line: 1, column: 1, key: "(root)", message: `cannot read the fleet file: ${reason}` }]);
  }
  return parseFleetFile(text, { ...options, file: path });
}

/** Reads a price file from disk and parses it (see {@link parsePriceFile}); `options.file` defaults to `path`. */
export async function readPriceFile(path: string, options: Omit<FleetFileOptions, "file" | "references"> = {}): Promise<PriceTable> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message;
    throw new FleetFileError(path, [{ line: 1, column: 1, key: "(root)", message: `cannot read the price file: ${reason}` }]);
  }
  return parsePriceFile(text, { ...options, file: path });
}

/** A desired state as a fleet file's text: YAML with the schema comment editors read, or JSON with `$schema`. */
export function stringifyFleetFile(desired: DesiredState, format: "yaml" | "json" = "yaml"): string {
  const { $schema: _, ...rest } = desired;
  if (format === "json") return `${JSON.stringify({ $schema: FLEET_SCHEMA_URL, ...rest }, null, 2)}\n`;
  return `# yaml-language-server: $schema=${FLEET_SCHEMA_URL}\n${stringify(rest, { flowCollectionPadding: true })}`;
}

/** The path, message and whether to point at the key (rather than the value) for one schema error. */
function describeSchemaError(error: SchemaError): [(string | number)[], string, boolean] {
  const path = error.instancePath
    .split("/")
    .slice(1)
    .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  const name = String(path[path.length - 1] ?? "the file");
  const got = JSON.stringify(error.data);
  switch (error.keyword) {
    case "additionalProperties": {
      const key = (error.params as { additionalProperty: string }).additionalProperty;
      const known = Object.keys((error.parentSchema as { properties?: object }).properties ?? {});
      return [[...path, key], `unknown key ${JSON.stringify(key)} (expected ${known.join(", ")})`, true];
    }
    case "required": {
      const key = (error.params as { missingProperty: string }).missingProperty;
      return [[...path, key], `${key} is required`, false];
    }
    case "type":
      return [path, `${name} must be ${article(String((error.params as { type: string }).type))}, got ${got}`, false];
    case "minimum":
      return [path, `${name} must be a non-negative integer, got ${got}`, false];
    case "enum":
      return [path, `${name} must be one of ${(error.schema as unknown[]).join(", ")}, got ${got}`, false];
    case "pattern":
      return [
        path,
        `${name} must be a reference <provider id>:<rest> (modelfleet providers shows each provider's form), got ${got}`,
        false,
      ];
    default:
      return [path, `${name} ${error.message ?? "is invalid"}`, false];
  }
}

function article(type: string): string {
  return type === "integer" || type === "array" || type === "object" ? `an ${type}` : `a ${type}`;
}

/** Where a path points in the document: the key itself (`onKey`) or its value; the nearest existing parent otherwise. */
function offsetOf(root: unknown, path: readonly (string | number)[], onKey: boolean): number {
  let node = root as Node | null;
  let offset = node?.range?.[0] ?? 0;
  for (const [i, part] of path.entries()) {
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && p.key.value === part);
      if (!pair) return offset;
      const key = pair.key as Node;
      if (last && onKey) return key.range?.[0] ?? offset;
      node = (pair.value as Node | null) ?? null;
      offset = node?.range?.[0] ?? key.range?.[0] ?? offset;
    } else if (isSeq(node) && typeof part === "number") {
      node = (node.items[part] as Node | undefined) ?? null;
      if (!node) return offset;
      offset = node.range?.[0] ?? offset;
    } else {
      return offset;
    }
  }
  return offset;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function firstLine(text: string): string {
  return text.split("\n")[0] ?? text;
}
