import { VERSION_STATUSES } from "@modelfleet/runtime/fleet";
import { expectValidVersion, hostileObject } from "@modelfleet/test-utils/fleet";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { listedEndpointId, normalizeTogetherEndpoint } from "./normalize.js";

// Objects with Together's real field names holding anything (wrong types, unknown enum values), or no object at all.
const KEYS = ["id", "object", "name", "model", "state", "created_at", "hardware", "autoscaling", "min_replicas", "max_replicas", "type"];

describe("the Together normalizer never throws and always returns a valid ModelVersion", () => {
  it("for an endpoint, with and without the requested id", () => {
    fc.assert(
      fc.property(hostileObject(KEYS), fc.option(fc.string(), { nil: undefined }), (raw, requested) =>
        expectValidVersion(normalizeTogetherEndpoint(raw as never, requested), VERSION_STATUSES),
      ),
      { numRuns: 300 },
    );
    // A generous limit that only catches a hang: 300 runs take well under a second on a quiet machine.
  }, 120_000);

  it("reads a listed endpoint's id as a string or nothing", () => {
    fc.assert(
      fc.property(hostileObject(KEYS), fc.option(fc.string(), { nil: undefined }), (raw, model) => {
        const id = listedEndpointId(raw as never, model);
        expect(id === null || typeof id === "string").toBe(true);
      }),
      { numRuns: 300 },
    );
  }, 120_000);
});
