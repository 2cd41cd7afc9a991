import { VERSION_STATUSES } from "@modelfleet/runtime/fleet";
import { expectValidVersion, hostileObject } from "@modelfleet/test-utils/fleet";
import fc from "fast-check";
import { describe, it } from "vitest";
import { normalizeDeepInfraDeployment } from "./normalize.js";

// Objects with DeepInfra's real field names holding anything (wrong types, unknown enum values), or no object at all.
const KEYS = [
  "deploy_id",
  "model_name",
  "version",
  "status",
  "created_at",
  "updated_at",
  "settings",
  "min_instances",
  "max_instances",
  "instances",
  "running",
  "config",
  "gpu",
  "num_gpus",
];

describe("the DeepInfra normalizer never throws and always returns a valid ModelVersion", () => {
  it("for a deployment", () => {
    fc.assert(
      fc.property(hostileObject(KEYS), (raw) => expectValidVersion(normalizeDeepInfraDeployment(raw as never), VERSION_STATUSES)),
      { numRuns: 300 },
    );
    // A generous limit that only catches a hang: 300 runs take well under a second on a quiet machine.
  }, 120_000);
});
