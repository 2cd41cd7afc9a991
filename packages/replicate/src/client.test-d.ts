import { describe, expectTypeOf, it } from "vitest";
import {
  createReplicateClient,
  type ReplicateAccount,
  type ReplicateClient,
  type ReplicateDeployment,
  type ReplicateDeploymentPage,
  type ReplicateHardware,
  type ReplicateModel,
  type ReplicateModelPage,
  type ReplicateVersion,
  type ReplicateVersionPage,
} from "./index.js";

declare const replicate: ReplicateClient;
const DEPLOYMENT = { deployment_owner: "acme", deployment_name: "my-app-image-generator" };
const MODEL = { model_owner: "replicate", model_name: "hello-world" };

describe("@modelfleet/replicate types", () => {
  it("methods return the spec's types", () => {
    expectTypeOf(replicate.listDeployments).returns.resolves.toEqualTypeOf<ReplicateDeploymentPage>();
    expectTypeOf(replicate.getDeployment).returns.resolves.toEqualTypeOf<ReplicateDeployment>();
    expectTypeOf(replicate.createDeployment).returns.resolves.toEqualTypeOf<ReplicateDeployment>();
    expectTypeOf(replicate.updateDeployment).returns.resolves.toEqualTypeOf<ReplicateDeployment>();
    expectTypeOf(replicate.deleteDeployment).returns.resolves.toEqualTypeOf<void>();
    expectTypeOf(replicate.listModels).returns.resolves.toEqualTypeOf<ReplicateModelPage>();
    expectTypeOf(replicate.getModel).returns.resolves.toEqualTypeOf<ReplicateModel>();
    expectTypeOf(replicate.listModelVersions).returns.resolves.toEqualTypeOf<ReplicateVersionPage>();
    expectTypeOf(replicate.getModelVersion).returns.resolves.toEqualTypeOf<ReplicateVersion>();
    expectTypeOf(replicate.deleteModelVersion).returns.resolves.toEqualTypeOf<void>();
    expectTypeOf(replicate.listHardware).returns.resolves.toEqualTypeOf<ReplicateHardware[]>();
    expectTypeOf(createReplicateClient).returns.toEqualTypeOf<ReplicateClient>();
  });

  it("pages link by nullable URLs; the release carries number, version and configuration, all optional", () => {
    expectTypeOf<ReplicateDeploymentPage["next"]>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<NonNullable<ReplicateDeployment["current_release"]>["number"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<NonNullable<NonNullable<ReplicateDeployment["current_release"]>["configuration"]>["min_instances"]>().toEqualTypeOf<
      number | undefined
    >();
    expectTypeOf<ReplicateModel["latest_version"]>().toEqualTypeOf<ReplicateVersion | null | undefined>();
    // The account type is an open enum: the known values suggested, any string accepted.
    expectTypeOf<"organization" | "user" | "team">().toExtend<ReplicateAccount["type"]>();
  });

  it("wrong path parameters are compile errors", () => {
    // @ts-expect-error: the path parameters are deployment_owner and deployment_name
    replicate.getDeployment({ owner: "acme", name: "x" });
    // @ts-expect-error: deployment_name is required
    replicate.deleteDeployment({ deployment_owner: "acme" });
    // @ts-expect-error: version_id is required
    replicate.getModelVersion(MODEL);
    // @ts-expect-error: path parameters are strings
    replicate.getModel({ model_owner: "replicate", model_name: 1 });
  });

  it("wrong query parameters are compile errors", () => {
    replicate.listModels({ sort_by: "model_created_at", sort_direction: "asc", cursor: "abc" });
    replicate.listModelVersions({ ...MODEL, cursor: "abc" });
    // @ts-expect-error: sort_by is a closed enum
    replicate.listModels({ sort_by: "run_count" });
    // @ts-expect-error: the page position is `cursor`, not `page`
    replicate.listDeployments({ page: 2 });
    // @ts-expect-error: listHardware takes no parameters
    replicate.listHardware({ cursor: "abc" });
  });

  it("wrong bodies are compile errors", () => {
    replicate.updateDeployment({ ...DEPLOYMENT, body: { min_instances: 0, max_instances: 2 } });
    replicate.createDeployment({
      body: { name: "x", model: "acme/x", version: "v", hardware: "gpu-t4", min_instances: 0, max_instances: 1 },
    });
    // @ts-expect-error: createDeployment needs hardware, min_instances and max_instances
    replicate.createDeployment({ body: { name: "x", model: "acme/x", version: "v" } });
    // @ts-expect-error: the bounds are min_instances / max_instances
    replicate.updateDeployment({ ...DEPLOYMENT, body: { min_replicas: 1 } });
    // @ts-expect-error: instance counts are integers, not strings
    replicate.updateDeployment({ ...DEPLOYMENT, body: { max_instances: "2" } });
    // @ts-expect-error: updateDeployment needs a body
    replicate.updateDeployment(DEPLOYMENT);
  });
});
