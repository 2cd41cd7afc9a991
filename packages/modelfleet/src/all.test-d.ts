import type { BasetenClient, BasetenDeployment } from "@modelfleet/baseten";
import type { DeepInfraDeployment } from "@modelfleet/deepinfra";
import type { HuggingFaceClient, HuggingFaceEndpoint } from "@modelfleet/huggingface";
import type { OpperClient } from "@modelfleet/opper";
import { type OpperRawVersion, opper } from "@modelfleet/opper/fleet";
import type { OpperV2Client } from "@modelfleet/opper-v2";
import type { OpperV2RawVersion } from "@modelfleet/opper-v2/fleet";
import type { ReplicateDeployment, ReplicateVersion } from "@modelfleet/replicate";
import type { SieveClient, SieveLegacyVersion, SieveVersion } from "@modelfleet/sieve";
import { sieve } from "@modelfleet/sieve/fleet";
import type { TogetherClient, TogetherEndpoint } from "@modelfleet/together";
import { describe, expectTypeOf, it } from "vitest";
import { createFleet, type ModelVersion, parseRef, type ScalableProvider, type ScalableVersionRef } from "./all.js";
import { createFleet as createFleetOf } from "./fleet.js";

const fleet = createFleet({ env: {} });

describe("facade types", () => {
  it("ModelVersion narrows on provider so raw is that provider's generated type", () => {
    const narrow = (v: ModelVersion) => {
      if (v.provider === "deepinfra") expectTypeOf(v.raw).toEqualTypeOf<DeepInfraDeployment>();
      if (v.provider === "sieve") expectTypeOf(v.raw).toEqualTypeOf<SieveVersion | SieveLegacyVersion>();
      if (v.provider === "replicate") expectTypeOf(v.raw).toEqualTypeOf<ReplicateDeployment | ReplicateVersion>();
      if (v.provider === "huggingface") expectTypeOf(v.raw).toEqualTypeOf<HuggingFaceEndpoint>();
      if (v.provider === "baseten") expectTypeOf(v.raw).toEqualTypeOf<BasetenDeployment>();
      if (v.provider === "together") expectTypeOf(v.raw).toEqualTypeOf<TogetherEndpoint>();
    };
    expectTypeOf(narrow).toBeFunction();
  });

  it("a typed reference gives that provider's ModelVersion", () => {
    expectTypeOf(fleet.getVersion("sieve:acme/whisper@latest")).resolves.toHaveProperty("provider").toEqualTypeOf<"sieve">();
    expectTypeOf(fleet.getVersion("deepinfra:abc")).resolves.toHaveProperty("raw").toEqualTypeOf<DeepInfraDeployment>();
    expectTypeOf(fleet.getVersion("huggingface:acme-ml/e")).resolves.toHaveProperty("raw").toEqualTypeOf<HuggingFaceEndpoint>();
    expectTypeOf(fleet.getVersion("replicate:acme/d")).resolves.toHaveProperty("provider").toEqualTypeOf<"replicate">();
    expectTypeOf(fleet.client("huggingface")).toEqualTypeOf<HuggingFaceClient>();
    expectTypeOf(fleet.getVersion("baseten:yqv4yjw@production")).resolves.toHaveProperty("raw").toEqualTypeOf<BasetenDeployment>();
    expectTypeOf(fleet.getVersion("together:endpoint-1")).resolves.toHaveProperty("provider").toEqualTypeOf<"together">();
    const dynamic: string = "opper:a@b";
    expectTypeOf(fleet.getVersion(dynamic)).resolves.toEqualTypeOf<ModelVersion>();
  });

  it("the Hugging Face entry takes its namespaces beside its client options", () => {
    void createFleet({ huggingface: { apiKey: "k", namespaces: ["acme-ml"] }, replicate: false });
    // @ts-expect-error namespaces is a list of names
    void createFleet({ huggingface: { namespaces: "acme-ml" } });
    // @ts-expect-error Replicate has no namespaces
    void createFleet({ replicate: { namespaces: ["acme"] } });
  });

  it("scale on a reference to a provider without scaling is a compile error", () => {
    // @ts-expect-error Opper has no scaling
    void fleet.scale("opper:fn@rev", { min: 0, max: 1 });
    void fleet.scale("deepinfra:abc", { min: 0, max: 1 });
    void fleet.scale("baseten:yqv4yjw@production", { min: 0, max: 1 });
    void fleet.scale("together:endpoint-1", { min: 1, max: 2 });
    void fleet.scale({ provider: "baseten", modelId: "yqv4yjw", deploymentId: "qvv0xeq" }, { min: 0, max: 1 });
    // @ts-expect-error a Baseten version reference needs @<deployment_id>
    void fleet.scale("baseten:yqv4yjw", { min: 0, max: 1 });
    const parsed = parseRef("modzy:m@1.0.0" as string);
    // @ts-expect-error a parsed reference must be narrowed away from opper and opper-v2 first
    void fleet.scale(parsed, { min: 0, max: 1 });
    if (parsed.provider !== "opper" && parsed.provider !== "opper-v2") void fleet.scale(parsed, { min: 0, max: 1 });
  });

  it("a reference typed as any scalable provider gives a ModelVersion union", () => {
    const ref = "deepinfra:x" as ScalableVersionRef;
    expectTypeOf(fleet.scale(ref, { min: 0, max: 1 })).resolves.toExtend<ModelVersion>();
    expectTypeOf(fleet.getVersion(ref)).resolves.toHaveProperty("provider").toEqualTypeOf<ScalableProvider>();
    // Derived from the registered providers' flags (a provider added later needs no edit here): the built-in ones
    // that scale are in it, Opper's two APIs are not.
    expectTypeOf<"sieve" | "modzy" | "deepinfra" | "replicate" | "huggingface" | "baseten" | "together">().toExtend<ScalableProvider>();
    expectTypeOf<"opper" | "opper-v2">().not.toExtend<ScalableProvider>();
  });

  it("parseRef on a typed reference gives that provider's parts", () => {
    expectTypeOf(parseRef("sieve:a/b@latest")).toEqualTypeOf<{ provider: "sieve"; owner: string; function: string; version: string }>();
  });

  it("client(provider) is the generated client", () => {
    expectTypeOf(fleet.client("sieve")).toEqualTypeOf<SieveClient>();
    expectTypeOf(fleet.client("baseten")).toEqualTypeOf<BasetenClient>();
    expectTypeOf(fleet.client("together")).toEqualTypeOf<TogetherClient>();
    expectTypeOf(fleet.client("opper-v2")).toEqualTypeOf<OpperV2Client>();
  });

  it("Opper v3 and v2 are two providers, each with its own references and raw types; neither scales", () => {
    expectTypeOf(fleet.getVersion("opper:support/classify-intent@3")).resolves.toHaveProperty("raw").toEqualTypeOf<OpperRawVersion>();
    expectTypeOf(fleet.getVersion("opper-v2:f@r")).resolves.toHaveProperty("raw").toEqualTypeOf<OpperV2RawVersion>();
    expectTypeOf(parseRef("opper:a@1")).toEqualTypeOf<{ provider: "opper"; functionName: string; revisionId: number | "current" }>();
    expectTypeOf(fleet.client("opper").revertRevision).toBeFunction();
    // @ts-expect-error Opper v2 has no scaling either
    void fleet.scale("opper-v2:f@r", { min: 0, max: 1 });
    // Opper v3's revert is the facade's rollback; v2 has none.
    expectTypeOf(fleet.rollback("opper:a@current", { version: "1" }))
      .resolves.toHaveProperty("provider")
      .toEqualTypeOf<"opper">();
    // @ts-expect-error Opper v2 cannot roll back
    void fleet.rollback("opper-v2:f@r", { version: "1" });
  });
});

describe("a fleet of some built-in providers", () => {
  const some = createFleetOf({ providers: [sieve(), opper()] });

  it("narrows references and versions to the providers passed", () => {
    expectTypeOf(some.getVersion("opper:fn@rev")).resolves.toHaveProperty("raw").toEqualTypeOf<OpperRawVersion>();
    const dynamic: string = "sieve:a/b@c";
    expectTypeOf(some.getVersion(dynamic)).resolves.toHaveProperty("provider").toEqualTypeOf<"sieve" | "opper">();
    expectTypeOf(some.client("opper")).toEqualTypeOf<OpperClient>();
    // @ts-expect-error deepinfra is not in this fleet
    some.client("deepinfra");
  });

  it("scale takes Sieve references only: Opper cannot scale", () => {
    void some.scale("sieve:a/b@c", { min: 0, max: 1 });
    // @ts-expect-error Opper has no scaling
    void some.scale("opper:fn@rev", { min: 0, max: 1 });
  });
});
