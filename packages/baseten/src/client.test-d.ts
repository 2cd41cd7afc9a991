import { describe, expectTypeOf, it } from "vitest";
import {
  type BasetenActionResult,
  type BasetenClient,
  type BasetenDeployment,
  type BasetenDeploymentStatus,
  type BasetenDeployments,
  type BasetenDeploymentTombstone,
  type BasetenEnvironment,
  type BasetenModel,
  type BasetenUpdateAutoscalingSettingsResponse,
  createBasetenClient,
} from "./index.js";

declare const baseten: BasetenClient;

describe("@modelfleet/baseten types", () => {
  it("methods return the spec's types", () => {
    expectTypeOf(baseten.getModel).returns.resolves.toEqualTypeOf<BasetenModel>();
    expectTypeOf(baseten.listDeployments).returns.resolves.toEqualTypeOf<BasetenDeployments>();
    expectTypeOf(baseten.getDeployment).returns.resolves.toEqualTypeOf<BasetenDeployment>();
    expectTypeOf(baseten.getProductionDeployment).returns.resolves.toEqualTypeOf<BasetenDeployment>();
    expectTypeOf(baseten.getDevelopmentDeployment).returns.resolves.toEqualTypeOf<BasetenDeployment>();
    expectTypeOf(baseten.promoteDeployment).returns.resolves.toEqualTypeOf<BasetenDeployment>();
    expectTypeOf(baseten.deleteDeployment).returns.resolves.toEqualTypeOf<BasetenDeploymentTombstone>();
    expectTypeOf(baseten.updateAutoscalingSettings).returns.resolves.toEqualTypeOf<BasetenUpdateAutoscalingSettingsResponse>();
    expectTypeOf(baseten.activateDeployment).returns.resolves.toEqualTypeOf<BasetenActionResult>();
    expectTypeOf(baseten.deactivateProductionDeployment).returns.resolves.toEqualTypeOf<BasetenActionResult>();
    expectTypeOf(baseten.getEnvironment).returns.resolves.toEqualTypeOf<BasetenEnvironment>();
    expectTypeOf(createBasetenClient).returns.toEqualTypeOf<BasetenClient>();
  });

  it("nullable parts of a deployment are typed as such", () => {
    expectTypeOf<BasetenDeployment["autoscaling_settings"]>().toExtend<object | null>();
    expectTypeOf<null>().toExtend<BasetenDeployment["autoscaling_settings"]>();
    expectTypeOf<BasetenDeployment["instance_type_name"]>().toEqualTypeOf<string | null>();
    expectTypeOf<BasetenModel["production_deployment_id"]>().toEqualTypeOf<string | null>();
  });

  it("BasetenDeploymentStatus is an open enum: known literals kept, any string accepted", () => {
    const future: BasetenDeploymentStatus = "HIBERNATING";
    void future;
    expectTypeOf<"ACTIVE" | "SCALED_TO_ZERO" | "WAKING_UP">().toExtend<BasetenDeploymentStatus>();
    expectTypeOf<Extract<BasetenDeploymentStatus, "INACTIVE">>().toEqualTypeOf<"INACTIVE">();
    expectTypeOf<BasetenDeploymentStatus>().not.toEqualTypeOf<string>();
  });

  it("a wrong or missing path parameter is a compile error", () => {
    // @ts-expect-error: deployment_id is required
    baseten.getDeployment({ model_id: "m" });
    // @ts-expect-error: the production shortcut takes no deployment_id
    baseten.getProductionDeployment({ model_id: "m", deployment_id: "d" });
    // @ts-expect-error: path parameters are strings
    baseten.activateDeployment({ model_id: "m", deployment_id: 1 });
    // @ts-expect-error: env_name, not environment
    baseten.getEnvironment({ model_id: "m", environment: "staging" });
    // @ts-expect-error: getModel needs its parameters
    baseten.getModel();
  });

  it("a wrong body field is a compile error", () => {
    baseten.updateAutoscalingSettings({
      model_id: "m",
      deployment_id: "d",
      body: { min_replica: 0, max_replica: 2, scale_down_delay: null },
    });
    baseten.promoteDeployment({ model_id: "m", deployment_id: "d", body: {} });
    // @ts-expect-error: Baseten requires a promote body (an empty object keeps its defaults)
    baseten.promoteDeployment({ model_id: "m", deployment_id: "d" });
    // @ts-expect-error: Baseten's field is min_replica (singular)
    baseten.updateAutoscalingSettings({ model_id: "m", deployment_id: "d", body: { min_replicas: 0 } });
    // @ts-expect-error: replica counts are integers, not strings
    baseten.updateProductionAutoscalingSettings({ model_id: "m", body: { max_replica: "2" } });
    // @ts-expect-error: the autoscaling PATCH needs a body
    baseten.updateDevelopmentAutoscalingSettings({ model_id: "m" });
    // @ts-expect-error: promote options are booleans
    baseten.promoteDevelopmentDeployment({ model_id: "m", body: { scale_down_previous_production: "yes" } });
    // @ts-expect-error: activate takes no body
    baseten.activateProductionDeployment({ model_id: "m", body: {} });
  });

  it("an unknown query field is a compile error", () => {
    baseten.listModels({ name: "llama" });
    // @ts-expect-error: listModels filters by name only
    baseten.listModels({ team: "acme" });
  });
});
