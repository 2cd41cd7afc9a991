import { describe, expectTypeOf, it } from "vitest";
import {
  createDeepInfraClient,
  type DeepInfraClient,
  type DeepInfraDeployGpu,
  type DeepInfraDeployment,
  type DeepInfraDeploymentId,
  type DeepInfraDeploymentStatus,
  type DeepInfraGpuAvailability,
  type DeepInfraListDeploymentsResult,
} from "./index.js";

declare const deepinfra: DeepInfraClient;

describe("@modelfleet/deepinfra types", () => {
  it("methods take typed parameters and return the spec's types", () => {
    expectTypeOf(deepinfra.listDeployments).returns.resolves.toEqualTypeOf<DeepInfraListDeploymentsResult>();
    expectTypeOf<DeepInfraListDeploymentsResult>().toEqualTypeOf<DeepInfraDeployment[]>();
    expectTypeOf(deepinfra.getDeployment).returns.resolves.toEqualTypeOf<DeepInfraDeployment>();
    expectTypeOf(deepinfra.createLlmDeployment).returns.resolves.toEqualTypeOf<DeepInfraDeployment>();
    expectTypeOf(deepinfra.getGpuAvailability).returns.resolves.toEqualTypeOf<DeepInfraGpuAvailability>();
    // The actions answer with the id only.
    expectTypeOf(deepinfra.updateDeployment).returns.resolves.toEqualTypeOf<DeepInfraDeploymentId>();
    expectTypeOf(deepinfra.deleteDeployment).returns.resolves.toEqualTypeOf<DeepInfraDeploymentId>();
    expectTypeOf(deepinfra.startDeployment).returns.resolves.toEqualTypeOf<DeepInfraDeploymentId>();
    expectTypeOf(deepinfra.stopDeployment).returns.resolves.toEqualTypeOf<DeepInfraDeploymentId>();
    expectTypeOf<DeepInfraDeploymentId>().toEqualTypeOf<{ deploy_id: string }>();
    expectTypeOf(createDeepInfraClient).returns.toEqualTypeOf<DeepInfraClient>();
  });

  it("nullable parts of a deployment are typed as such", () => {
    expectTypeOf<DeepInfraDeployment["instances"]>().toEqualTypeOf<{ running: number; pending: number } | null | undefined>();
    expectTypeOf<NonNullable<DeepInfraDeployment["config"]>["num_gpus"]>().toEqualTypeOf<number>();
  });

  it("DeepInfraDeployGpu is an open enum: any string, the known literals kept", () => {
    const known: DeepInfraDeployGpu = "A100-80GB";
    const future: DeepInfraDeployGpu = "X200-999GB";
    const fromString: DeepInfraDeployGpu = String(future);
    expectTypeOf(known).toExtend<string>();
    expectTypeOf<"A100-80GB">().toExtend<DeepInfraDeployGpu>();
    expectTypeOf<"RTXPRO6000-96GB" | "other">().toExtend<DeepInfraDeployGpu>();
    expectTypeOf<"X200-999GB">().toExtend<DeepInfraDeployGpu>();
    expectTypeOf<string>().toExtend<DeepInfraDeployGpu>();
    expectTypeOf<DeepInfraDeployGpu>().toExtend<string>();
    // The literals survive (for editor completion): it is not collapsed to plain `string`.
    expectTypeOf<Extract<DeepInfraDeployGpu, "H100-80GB">>().toEqualTypeOf<"H100-80GB">();
    expectTypeOf<DeepInfraDeployGpu>().not.toEqualTypeOf<string>();
    // @ts-expect-error: a GPU is a string, not a number
    const wrong: DeepInfraDeployGpu = 80;
    void fromString;
    void wrong;
    deepinfra.createLlmDeployment({ body: { model_name: "acme/x", gpu: "X200-999GB" } });
  });

  it("DeepInfraDeploymentStatus is an open enum too", () => {
    const status: DeepInfraDeploymentStatus = "hibernating";
    expectTypeOf(status).toExtend<string>();
    expectTypeOf<"running" | "deployed">().toExtend<DeepInfraDeploymentStatus>();
    expectTypeOf<Extract<DeepInfraDeploymentStatus, "stopped">>().toEqualTypeOf<"stopped">();
  });

  it("a wrong path parameter is a compile error", () => {
    // @ts-expect-error: `id` is not a path parameter of getDeployment
    deepinfra.getDeployment({ id: "fkj843kjh8" });
    // @ts-expect-error: deploy_id is required
    deepinfra.stopDeployment({});
    // @ts-expect-error: path parameters are strings
    deepinfra.startDeployment({ deploy_id: 1 });
    // @ts-expect-error: deleteDeployment needs its parameters
    deepinfra.deleteDeployment();
  });

  it("an unknown query field is a compile error", () => {
    deepinfra.listDeployments({ status: "running,deploying" });
    deepinfra.getGpuAvailability({ source: "", base_model: "meta-llama/Llama-3.1-8B" });
    // @ts-expect-error: `statuses` is not a query parameter of listDeployments
    deepinfra.listDeployments({ statuses: "running" });
    // @ts-expect-error: status is one comma-separated string, not an array
    deepinfra.listDeployments({ status: ["running", "deploying"] });
    // @ts-expect-error: `model` is not a query parameter of getGpuAvailability
    deepinfra.getGpuAvailability({ model: "x" });
  });

  it("a wrong body field is a compile error", () => {
    deepinfra.updateDeployment({ deploy_id: "d", body: { settings: { min_instances: 0, max_instances: 2 } } });
    deepinfra.createLlmDeployment({
      body: { model_name: "acme/x", gpu: "A100-80GB", hf: { repo: "acme/private", revision: null, token: "hf_x" }, settings: null },
    });
    // @ts-expect-error: the scale bounds go under `settings`
    deepinfra.updateDeployment({ deploy_id: "d", body: { min_instances: 0, max_instances: 2 } });
    // @ts-expect-error: the field is max_instances, not max_replicas
    deepinfra.updateDeployment({ deploy_id: "d", body: { settings: { max_replicas: 2 } } });
    // @ts-expect-error: updateDeployment requires a body
    deepinfra.updateDeployment({ deploy_id: "d" });
    // @ts-expect-error: createLlmDeployment requires gpu
    deepinfra.createLlmDeployment({ body: { model_name: "acme/x" } });
    // @ts-expect-error: hf.repo is required
    deepinfra.createLlmDeployment({ body: { model_name: "acme/x", gpu: "L4-24GB", hf: { token: "hf_x" } } });
    // @ts-expect-error: num_gpus is an integer, not a string
    deepinfra.createLlmDeployment({ body: { model_name: "acme/x", gpu: "L4-24GB", num_gpus: "2" } });
    // @ts-expect-error: start takes no body
    deepinfra.startDeployment({ deploy_id: "d", body: {} });
  });

  it("per-call options are typed", () => {
    deepinfra.listDeployments(undefined, { timeoutMs: 1000, maxRetries: 0, signal: AbortSignal.timeout(10) });
    // @ts-expect-error: retries is not an option
    deepinfra.listDeployments(undefined, { retries: 1 });
  });
});
