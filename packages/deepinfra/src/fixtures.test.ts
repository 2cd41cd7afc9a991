import { fileURLToPath } from "node:url";
import { describeFixtures } from "@modelfleet/test-utils/fixtures";

describeFixtures({
  spec: fileURLToPath(new URL("../../../specs/deepinfra.yaml", import.meta.url)),
  dir: fileURLToPath(new URL("../test/fixtures", import.meta.url)),
  fixtures: {
    "deploy-list.seed.json": {
      operationId: "listDeployments",
      status: 200,
      source: "DeepInfra's API reference, 'Deploy List' response sample",
    },
  },
});
