import { VERSION_STATUSES } from "@modelfleet/runtime/fleet";
import { expectValidVersion, hostileObject } from "@modelfleet/test-utils/fleet";
import fc from "fast-check";
import { describe, it } from "vitest";
import { normalizeBasetenDeployment } from "./normalize.js";

// Objects with Baseten's real field names holding anything (wrong types, unknown enum values), or no object at all.
const KEYS = [
  "id",
  "model_id",
  "name",
  "status",
  "created_at",
  "active_replica_count",
  "autoscaling_settings",
  "min_replica",
  "max_replica",
  "instance_type_name",
  "environment",
  "is_production",
];

describe("the Baseten normalizer never throws and always returns a valid ModelVersion", () => {
  it("for a deployment, with and without the requested ids", () => {
    const requested = fc.record({
      modelId: fc.option(fc.string(), { nil: undefined }),
      deploymentId: fc.option(fc.string(), { nil: undefined }),
    });
    fc.assert(
      fc.property(hostileObject(KEYS), requested, (raw, ids) =>
        expectValidVersion(normalizeBasetenDeployment(raw as never, ids), VERSION_STATUSES),
      ),
      { numRuns: 300 },
    );
    // A generous limit that only catches a hang: 300 runs take well under a second on a quiet machine.
  }, 120_000);
});
