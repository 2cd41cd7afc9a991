import { fileURLToPath } from "node:url";
import { describeFixtures } from "@modelfleet/test-utils/fixtures";

describeFixtures({
  spec: fileURLToPath(new URL("../../../specs/baseten.yaml", import.meta.url)),
  dir: fileURLToPath(new URL("../test/fixtures", import.meta.url)),
  fixtures: {
    "autoscaling-settings-patch.seed.json": {
      operationId: "updateAutoscalingSettings",
      status: "request",
      source: "Baseten's management API document, code sample of the autoscaling settings PATCH",
    },
    "promote.seed.json": {
      operationId: "promoteDeployment",
      status: "request",
      source: "Baseten's management API document, code sample of the promote request",
    },
    "rate-limited.seed.json": {
      operationId: "getDeployment",
      status: 429,
      source: "Baseten's rate-limits docs page, the 429 body",
    },
    "deployment-list-item.seed.json": {
      operationId: "getDeployment",
      status: 200,
      source: "Baseten's 'Get all model deployments' docs page, one list item",
      mismatch: {
        why: "the docs page shows an older shape, without fields Baseten's current document marks as always sent",
        errors: [
          "/: must have required property 'instance_type_name'",
          "/: must have required property 'request_backpressure_settings'",
          "/autoscaling_settings: must have required property 'target_utilization_percentage'",
          "/autoscaling_settings: must be null",
          "/autoscaling_settings: must match a schema in anyOf",
        ],
      },
    },
  },
});
