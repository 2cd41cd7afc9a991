import { fileURLToPath } from "node:url";
import { describeFixtures } from "@modelfleet/test-utils/fixtures";

describeFixtures({
  spec: fileURLToPath(new URL("../../../specs/replicate.yaml", import.meta.url)),
  dir: fileURLToPath(new URL("../test/fixtures", import.meta.url)),
  fixtures: {
    "deployments-list.seed.json": {
      operationId: "listDeployments",
      status: 200,
      source: "Replicate's OpenAPI document, deployments.list description (its `next` is an http:// URL there)",
    },
    "deployment-update.seed.json": {
      operationId: "updateDeployment",
      status: 200,
      source: "Replicate's OpenAPI document, deployments.update response to {min_instances: 3, max_instances: 10} (created_by left out)",
    },
    "hardware-list.seed.json": {
      operationId: "listHardware",
      status: 200,
      source: "Replicate's OpenAPI document, hardware.list description; the published sample has a trailing comma, removed here",
    },
    "model-versions-list.seed.json": {
      operationId: "listModelVersions",
      status: 200,
      source: "Replicate's OpenAPI document, models.versions.list description; its elided `openapi_schema: {...}` is written {} here",
    },
    "rate-limited.seed.json": {
      operationId: "listDeployments",
      status: 429,
      source: "Replicate's rate-limits docs page, the 429 body",
    },
  },
});
