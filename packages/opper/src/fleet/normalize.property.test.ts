import { VERSION_STATUSES } from "@modelfleet/runtime/fleet";
import { expectValidVersion, hostileObject } from "@modelfleet/test-utils/fleet";
import fc from "fast-check";
import { describe, it } from "vitest";
import { normalizeOpperFunction, normalizeOpperRevision } from "./normalize.js";

// Objects with Opper's real field names holding anything (wrong types, unknown values), or no object at all.
const KEYS = ["name", "revision_id", "created_at", "is_current", "schema_hash", "generated_at", "has_script", "hit_count", "source"];

describe("the Opper normalizers never throw and always return a valid ModelVersion", () => {
  it("for a revision, read on its own or listed", () => {
    fc.assert(
      fc.property(hostileObject(KEYS), fc.constantFrom(true, false, null, undefined), (raw, isCurrent) =>
        expectValidVersion(normalizeOpperRevision(raw as never, { functionName: "f", isCurrent }), VERSION_STATUSES),
      ),
      { numRuns: 300 },
    );
    // A generous limit that only catches a hang: 300 runs take well under a second on a quiet machine.
  }, 120_000);

  it("for a listed function with whatever its revision listing held", () => {
    fc.assert(
      fc.property(hostileObject(KEYS), fc.oneof(fc.constant(null), fc.array(hostileObject(KEYS), { maxLength: 4 })), (raw, revisions) =>
        expectValidVersion(normalizeOpperFunction(raw as never, revisions as never), VERSION_STATUSES),
      ),
      { numRuns: 300 },
    );
  }, 120_000);
});
