import { VERSION_STATUSES } from "@modelfleet/runtime/fleet";
import { expectValidVersion, hostileObject } from "@modelfleet/test-utils/fleet";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { huggingFaceScaleBody, normalizeHuggingFaceEndpoint } from "./normalize.js";

// Objects with Hugging Face's real field names holding anything (wrong types, nesting), or no object at all.
const KEYS = [
  "name",
  "model",
  "repository",
  "revision",
  "status",
  "state",
  "createdAt",
  "updatedAt",
  "readyReplica",
  "targetReplica",
  "compute",
  "accelerator",
  "instanceType",
  "instanceSize",
  "scaling",
  "minReplica",
  "maxReplica",
  "scaleToZeroTimeout",
  "measure",
  "provider",
  "vendor",
  "region",
];

// A generous limit that only catches a hang: 300 runs take well under a second on a quiet machine.
const HANG = 120_000;

describe("the Hugging Face normalizer never throws and always returns a valid ModelVersion", () => {
  it(
    "for an endpoint",
    () => {
      fc.assert(
        fc.property(hostileObject(KEYS), (raw) => {
          const version = normalizeHuggingFaceEndpoint(raw as never, "acme-ml");
          expectValidVersion(version, VERSION_STATUSES);
          expect(version.ref.startsWith("huggingface:acme-ml/")).toBe(true);
        }),
        { numRuns: 300 },
      );
    },
    HANG,
  );

  it(
    "and the scale body always carries the bounds asked for",
    () => {
      fc.assert(
        fc.property(hostileObject(KEYS), fc.nat(10), fc.nat(10), (raw, a, b) => {
          const [min, max] = a <= b ? [a, b] : [b, a];
          const scaling = huggingFaceScaleBody(raw as never, min, max).compute?.scaling;
          expect(scaling).toMatchObject({ minReplica: min, maxReplica: max });
          if (min === 0) expect(scaling?.scaleToZeroTimeout).toBeGreaterThan(0);
          expect(() => JSON.stringify(scaling)).not.toThrow();
        }),
        { numRuns: 300 },
      );
    },
    HANG,
  );
});
