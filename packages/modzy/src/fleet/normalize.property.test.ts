import { VERSION_STATUSES } from "@modelfleet/runtime/fleet";
import { expectValidVersion, hostileObject } from "@modelfleet/test-utils/fleet";
import fc from "fast-check";
import { describe, it } from "vitest";
import { normalizeModzyVersion } from "./normalize.js";

// Objects with Modzy's real field names holding anything (wrong types, unknown enum values), or no object at all.
const KEYS = [
  "version",
  "status",
  "createdAt",
  "updatedAt",
  "processing",
  "minimumParallelCapacity",
  "maximumParallelCapacity",
  "requirement",
  "name",
  "gpuUnits",
  "cpuAmount",
  "memoryAmount",
  "model",
  "modelId",
];

describe("the Modzy normalizer never throws and always returns a valid ModelVersion", () => {
  it("for a model version", () => {
    fc.assert(
      fc.property(hostileObject(KEYS), (raw) =>
        expectValidVersion(normalizeModzyVersion(raw as never, { modelId: "m" }), VERSION_STATUSES),
      ),
      { numRuns: 300 },
    );
    // A generous limit that only catches a hang: 300 runs take well under a second on a quiet machine.
  }, 120_000);
});
