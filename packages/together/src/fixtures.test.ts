import { fileURLToPath } from "node:url";
import { describeFixtures } from "@modelfleet/test-utils/fixtures";

describeFixtures({
  spec: fileURLToPath(new URL("../../../specs/together.yaml", import.meta.url)),
  dir: fileURLToPath(new URL("../test/fixtures", import.meta.url)),
  fixtures: {
    "create-endpoint-request.seed.json": {
      operationId: "createEndpoint",
      status: "request",
      source: "Together's OpenAPI document, cURL sample of POST /endpoints",
    },
    "stop-endpoint-request.seed.json": {
      operationId: "updateEndpoint",
      status: "request",
      source: "Together's OpenAPI document, cURL sample of PATCH /endpoints/{endpointId} stopping an endpoint",
    },
    "create-endpoint-response.seed.json": {
      operationId: "createEndpoint",
      status: 200,
      source: "Together's API reference, 'Create endpoint' response sample",
    },
  },
});
