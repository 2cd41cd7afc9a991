import { VERSION_STATUSES } from "@modelfleet/runtime/fleet";
import { expectValidVersion, hostileObject } from "@modelfleet/test-utils/fleet";
import fc from "fast-check";
import { describe, it } from "vitest";
import { normalizeOpperV2Version } from "./normalize.js";

// Objects with Opper's real field names holding anything (wrong types, unknown enum values), or no object at all.
const KEYS = ["id", "name", "revision_id", "created_at", "updated_at", "configuration", "model"];

describe("the Opper normalizer never throws and always returns a valid ModelVersion", () => {
  it("in each shape it arrives in", () => {
    fc.assert(
      fc.property(
        hostileObject(KEYS),
        fc.constantFrom("function" as const, "listed-function" as const, "revision" as const),
        (raw, shape) => expectValidVersion(normalizeOpperV2Version(raw as never, { shape }), VERSION_STATUSES),
      ),
      { numRuns: 300 },
    );
    // A generous limit that only catches a hang: 300 runs take well under a second on a quiet machine.
  }, 120_000);
});
