import { fileURLToPath } from "node:url";
import { describeFixtures } from "@modelfleet/test-utils/fixtures";

describeFixtures({
  spec: fileURLToPath(new URL("../../../specs/opper.yaml", import.meta.url)),
  dir: fileURLToPath(new URL("../test/fixtures", import.meta.url)),
  fixtures: {
    "error-not-found.seed.json": {
      operationId: "getFunction",
      status: 404,
      source: "Opper's official SDK repository, the Python SDK's error tests (the 404 it answers for a missing function)",
    },
    "error-validation.seed.json": {
      operationId: "listFunctions",
      status: 400,
      source: "Opper's official SDK repository, the Python SDK's error tests (a validation error with details)",
    },
    "revision-list.seed.json": {
      operationId: "listRevisions",
      status: 200,
      source: "Opper's official SDK repository, the Python SDK's function tests (a revision listing)",
      mismatch: {
        why:
          "the SDK's test mock leaves created_at empty, while Opper's own API document declares an RFC 3339 date-time " +
          "there; the spec keeps the document's format, and the fleet adapter reads an empty one as no date",
        errors: ['/revisions/0/created_at: must match format "date-time"'],
      },
    },
  },
});
