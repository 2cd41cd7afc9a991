import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizeDeepInfraDeployment } from "../adapters/deepinfra.js";
import { normalizeModzyVersion } from "../adapters/modzy.js";
import { normalizeOpperVersion } from "../adapters/opper.js";
import { normalizeSieveVersion } from "../adapters/sieve.js";
import { type ModelVersion, VERSION_STATUSES } from "../model-version.js";

// Objects with the providers' real field names, holding anything: missing, null, wrong types, unknown enum values.
const KEYS = [
  "id",
  "build_status",
  "status",
  "queued_at",
  "built_at",
  "ready_at",
  "time",
  "queued",
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
  "version",
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
  "deploy_id",
  "model_name",
  "created_at",
  "updated_at",
  "settings",
  "min_instances",
  "max_instances",
  "instances",
  "running",
  "config",
  "num_gpus",
  "revision_id",
  "configuration",
  "__proto__",
  "constructor",
];
const value = fc.oneof(
  fc.constantFrom(
    "ready",
    "error",
    "running",
    "active",
    "deployed",
    "exploding",
    "",
    "...",
    "<string>",
    "true",
    "2024-12-15T01:41:59.195000",
    "2020-05-13T18:32:59.510+0000",
  ),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.string(),
);
const providerObject = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: "small" },
    value,
    fc.dictionary(fc.constantFrom(...KEYS), tie("node"), { maxKeys: 12 }),
    fc.array(tie("node"), { maxLength: 3 }),
  ),
})).node;
const anything = fc.oneof(providerObject, fc.anything());

function expectValid(version: ModelVersion): void {
  expect(VERSION_STATUSES).toContain(version.status);
  expect(typeof version.ref).toBe("string");
  expect(version.ref.startsWith(`${version.provider}:`)).toBe(true);
  expect(typeof version.model).toBe("string");
  expect(typeof version.version).toBe("string");
  expect(version.providerStatus === null || typeof version.providerStatus === "string").toBe(true);
  for (const date of [version.createdAt, version.updatedAt]) {
    expect(date === null || (date instanceof Date && !Number.isNaN(date.getTime()))).toBe(true);
  }
  if (version.scaling !== null) {
    for (const bound of [version.scaling.min, version.scaling.max])
      expect(bound === null || (Number.isInteger(bound) && bound >= 0)).toBe(true);
  }
  expect(version.replicas === null || (Number.isInteger(version.replicas) && version.replicas >= 0)).toBe(true);
  expect(version.hardware === null || typeof version.hardware === "string").toBe(true);
  // Serializable for logs and --json output.
  expect(() => JSON.stringify({ ...version, raw: undefined })).not.toThrow();
}

describe("normalizers never throw and always return a valid ModelVersion", () => {
  it("sieve", () => {
    fc.assert(
      fc.property(anything, (raw) => expectValid(normalizeSieveVersion(raw, { owner: "o", function: "f" }))),
      { numRuns: 300 },
    );
  });
  it("modzy", () => {
    fc.assert(
      fc.property(anything, (raw) => expectValid(normalizeModzyVersion(raw, { modelId: "m" }))),
      { numRuns: 300 },
    );
  });
  it("deepinfra", () => {
    fc.assert(
      fc.property(anything, (raw) => expectValid(normalizeDeepInfraDeployment(raw))),
      { numRuns: 300 },
    );
  });
  it("opper, in each shape it arrives in", () => {
    const shape = fc.constantFrom("function" as const, "listed-function" as const, "revision" as const);
    fc.assert(
      fc.property(anything, shape, (raw, s) => expectValid(normalizeOpperVersion(raw, { shape: s }))),
      { numRuns: 300 },
    );
  });
});
