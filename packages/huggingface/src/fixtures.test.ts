import { fileURLToPath } from "node:url";
import { describeFixtures } from "@modelfleet/test-utils/fixtures";

describeFixtures({
  spec: fileURLToPath(new URL("../../../specs/huggingface.yaml", import.meta.url)),
  dir: fileURLToPath(new URL("../test/fixtures", import.meta.url)),
  fixtures: {
    "endpoint-running.seed.json": {
      operationId: "getEndpoint",
      status: 200,
      source: "huggingface_hub's test fixture of a running endpoint (MOCK_RUNNING), without updatedBy and secrets",
    },
  },
});
