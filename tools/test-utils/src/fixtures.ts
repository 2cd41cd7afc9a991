import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type LoadedSpec, loadSpec, validateRequestBody, validateResponse } from "./spec.js";

/** Which response (or request body) of which operation a JSON fixture is a sample of, and where it came from. */
export interface FixtureEntry {
  operationId: string;
  /** The response status the sample belongs to, or `"request"` for a sample of the operation's request body. */
  status: number | "request";
  /** Where the sample comes from (a provider docs page, an SDK README, our own example). */
  source: string;
  /**
   * For a sample the spec deliberately does not accept (e.g. an outdated shape the provider no longer sends):
   * why, and exactly the validation errors expected. The test then fails if the spec starts accepting it or
   * rejects it for any other reason, so the exception never goes stale silently.
   */
  mismatch?: { why: string; errors: string[] };
}

/**
 * Validates every JSON sample in a package's fixtures folder against the response schema it belongs to, with
 * a standard JSON Schema 2020-12 validator: a spec that no longer accepts what the provider really sends fails
 * here. Every `*.json` file in the folder must be listed, so a new seed cannot go unchecked.
 */
export function describeFixtures(options: { spec: string; dir: string; fixtures: Record<string, FixtureEntry> }): void {
  const spec = loadSpec(options.spec);
  describe(`fixtures in ${options.dir.split(/[\\/]/).slice(-3).join("/")} against ${spec.file.split(/[\\/]/).slice(-2).join("/")}`, () => {
    it("every JSON fixture is listed with the response it samples", () => {
      const files = readdirSync(options.dir).filter((name) => name.endsWith(".json"));
      expect(files.sort()).toEqual(Object.keys(options.fixtures).sort());
    });

    for (const [file, entry] of Object.entries(options.fixtures)) {
      const value: unknown = JSON.parse(readFileSync(join(options.dir, file), "utf8"));
      if (entry.mismatch) {
        const { why, errors } = entry.mismatch;
        it(`${file} is deliberately NOT a valid ${entry.operationId} ${describePart(entry)}: ${why}`, () => {
          expect(validate(spec, entry, value)).toEqual({ valid: false, errors });
        });
      } else {
        it(`${file} (${entry.source}) is a valid ${entry.operationId} ${describePart(entry)}`, () => {
          expect(validate(spec, entry, value)).toEqual({ valid: true, errors: [] });
        });
      }
    }
  });
}

function validate(spec: LoadedSpec, entry: FixtureEntry, value: unknown) {
  return entry.status === "request"
    ? validateRequestBody(spec, entry.operationId, value)
    : validateResponse(spec, entry.operationId, entry.status, value);
}

function describePart(entry: FixtureEntry): string {
  return entry.status === "request" ? "request body" : `${entry.status} response`;
}
