import { fileURLToPath } from "node:url";
import { describeFixtures } from "@modelfleet/test-utils/fixtures";

describeFixtures({
  spec: fileURLToPath(new URL("../../../specs/opper-v2.yaml", import.meta.url)),
  dir: fileURLToPath(new URL("../test/fixtures", import.meta.url)),
  fixtures: {
    "function-revision.seed.json": {
      operationId: "getRevision",
      status: 200,
      source: "Opper's API reference, 'Get function by revision' response sample",
    },
  },
});
