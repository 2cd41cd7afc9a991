import { VERSION_STATUSES } from "@modelfleet/runtime/fleet";
import { expectValidVersion, hostileObject } from "@modelfleet/test-utils/fleet";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizeReplicateDeployment, normalizeReplicateVersion } from "./normalize.js";

// Objects with Replicate's real field names holding anything (wrong types, nesting), or no object at all.
const KEYS = [
  "owner",
  "name",
  "current_release",
  "number",
  "model",
  "version",
  "created_at",
  "created_by",
  "configuration",
  "hardware",
  "min_instances",
  "max_instances",
  "id",
  "cog_version",
  "openapi_schema",
];

// A generous limit that only catches a hang: 300 runs take well under a second on a quiet machine.
const HANG = 120_000;

describe("the Replicate normalizers never throw and always return a valid ModelVersion", () => {
  it(
    "for a deployment",
    () => {
      fc.assert(
        fc.property(hostileObject(KEYS), (raw) => {
          const version = normalizeReplicateDeployment(raw as never);
          expectValidVersion(version, VERSION_STATUSES);
          // Replicate has no status for a deployment: nothing may be invented.
          expect([version.status, version.providerStatus, version.replicas]).toEqual(["unknown", null, null]);
        }),
        { numRuns: 300 },
      );
    },
    HANG,
  );

  it(
    "for a model version",
    () => {
      fc.assert(
        fc.property(hostileObject(KEYS), (raw) => {
          const version = normalizeReplicateVersion(raw as never, { owner: "acme", name: "model" });
          expectValidVersion(version, VERSION_STATUSES);
          expect(version.ref.startsWith("replicate:acme/model@")).toBe(true);
        }),
        { numRuns: 300 },
      );
    },
    HANG,
  );
});
