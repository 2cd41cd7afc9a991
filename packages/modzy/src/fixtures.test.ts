import { fileURLToPath } from "node:url";
import { describeFixtures } from "@modelfleet/test-utils/fixtures";

describeFixtures({
  spec: fileURLToPath(new URL("../../../specs/modzy.yaml", import.meta.url)),
  dir: fileURLToPath(new URL("../test/fixtures", import.meta.url)),
  fixtures: {
    // As published the sample is not JSON (no comma before "imagePrefix"); the fixture adds the comma, nothing else.
    "model-version.seed.json": {
      operationId: "getVersion",
      status: 200,
      source: "Modzy docs, 'The versions object', comma repaired",
    },
    "model-version.example.json": { operationId: "getVersion", status: 200, source: "the spec's own example, used by the client tests" },
    "model.example.json": { operationId: "getModel", status: 200, source: "the spec's own example, used by the client tests" },
  },
});
