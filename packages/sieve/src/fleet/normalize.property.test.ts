import { VERSION_STATUSES } from "@modelfleet/runtime/fleet";
import { expectValidVersion, hostileObject } from "@modelfleet/test-utils/fleet";
import fc from "fast-check";
import { describe, it } from "vitest";
import { normalizeSieveFunction, normalizeSieveVersion } from "./normalize.js";

// Objects with Sieve's real field names holding anything (wrong types, unknown enum values), or no object at all.
const KEYS = [
  "id",
  "build_status",
  "status",
  "queued_at",
  "built_at",
  "ready_at",
  "time",
  "queued",
  "started",
  "completed",
  "compute_type",
  "machine_type",
  "gpu",
  "minimum_replicas",
  "maximum_replicas",
  "minimum_running_replicas",
  "current_workers",
  "active",
  "idle",
  "name",
  "owner_name",
  "latest_version",
];

describe("the Sieve normalizer never throws and always returns a valid ModelVersion", () => {
  it("for a version and for a listed function", () => {
    fc.assert(
      fc.property(hostileObject(KEYS), (raw) => {
        expectValidVersion(normalizeSieveVersion(raw as never, { owner: "o", function: "f" }), VERSION_STATUSES);
        const latest = normalizeSieveFunction(raw as never);
        if (latest) expectValidVersion(latest, VERSION_STATUSES);
      }),
      { numRuns: 300 },
    );
    // A generous limit that only catches a hang: 300 runs take well under a second on a quiet machine.
  }, 120_000);
});
