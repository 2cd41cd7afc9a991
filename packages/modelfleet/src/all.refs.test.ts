import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatModelRef, formatRef, type ParsedModelRef, type ParsedRef, PROVIDER_IDS, parseModelRef, parseRef } from "./all.js";
import { InvalidReferenceError } from "./errors.js";

describe("parseRef", () => {
  it("parses each provider's version reference", () => {
    expect(parseRef("sieve:acme/whisper@latest")).toEqual({ provider: "sieve", owner: "acme", function: "whisper", version: "latest" });
    expect(parseRef("modzy:ed542963de@0.0.27")).toEqual({ provider: "modzy", modelId: "ed542963de", version: "0.0.27" });
    expect(parseRef("deepinfra:fkj843kjh8")).toEqual({ provider: "deepinfra", deployId: "fkj843kjh8" });
    expect(parseRef("opper:support/classify-intent@3")).toEqual({
      provider: "opper",
      functionName: "support/classify-intent",
      revisionId: 3,
    });
    expect(parseRef("opper-v2:3c90c3cc-0d44-4b50-8888-8dd25736052a@9f1a")).toEqual({
      provider: "opper-v2",
      functionId: "3c90c3cc-0d44-4b50-8888-8dd25736052a",
      revisionId: "9f1a",
    });
    expect(parseRef("baseten:yqv4yjw@qvv0xeq")).toEqual({ provider: "baseten", modelId: "yqv4yjw", deploymentId: "qvv0xeq" });
    expect(parseRef("baseten:yqv4yjw@production")).toEqual({ provider: "baseten", modelId: "yqv4yjw", deploymentId: "production" });
    expect(parseRef("together:endpoint-d23901de")).toEqual({ provider: "together", endpointId: "endpoint-d23901de" });
  });

  it.each([
    ["sieve:acme/whisper", "sieve:<owner>/<function>@<version_slug|latest>"],
    ["sieve:whisper@latest", "sieve:<owner>/<function>@<version_slug|latest>"],
    ["sieve:acme/whisper@", "sieve:<owner>/<function>@<version_slug|latest>"],
    ["sieve:acme/x/y@latest", "sieve:<owner>/<function>@<version_slug|latest>"],
    ["sieve:acme/../x@latest", "sieve:<owner>/<function>@<version_slug|latest>"],
    ["modzy:ed542963de@latest", "modzy:<modelId>@<semver>"],
    ["modzy:ed542963de", "modzy:<modelId>@<semver>"],
    ["deepinfra:", "deepinfra:<deploy_id>"],
    ["deepinfra:a b", "deepinfra:<deploy_id>"],
    ["opper:abc", "opper:<function_name>@<revision_id|current>"],
    ["opper:abc@latest", "opper:<function_name>@<revision_id|current>"],
    ["opper:abc@def@1", "opper:<function_name>@<revision_id|current>"],
    ["opper-v2:abc", "opper-v2:<function_id>@<revision_id>"],
    ["opper-v2:abc@def@ghi", "opper-v2:<function_id>@<revision_id>"],
    ["baseten:yqv4yjw", "baseten:<model_id>@<deployment_id|production|development>"],
    ["baseten:yqv4yjw@a@b", "baseten:<model_id>@<deployment_id|production|development>"],
    ["baseten:@qvv0xeq", "baseten:<model_id>@<deployment_id|production|development>"],
    ["together:", "together:<endpoint_id>"],
    ["together:a/b", "together:<endpoint_id>"],
  ])("rejects %s and shows the expected form", (ref, expected) => {
    const error = catchError(() => parseRef(ref));
    expect(error).toBeInstanceOf(InvalidReferenceError);
    expect(error).toMatchObject({ reference: ref, expected, argument: "ref" });
    expect((error as Error).message).toContain(expected);
  });

  it("names the known providers for an unknown one", () => {
    const error = catchError(() => parseRef("nonesuch:owner/model@v1"));
    expect(InvalidReferenceError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain(`unknown provider "nonesuch"`);
    expect((error as Error).message).toContain(`Known providers: ${PROVIDER_IDS.join(", ")}`);
    expect((catchError(() => parseRef("no-provider")) as Error).message).toContain("does not start with a provider");
  });

  it("rejects a non-string before anything else", () => {
    expect(catchError(() => parseRef(42 as never))).toBeInstanceOf(InvalidReferenceError);
  });
});

describe("parseModelRef", () => {
  it("parses each provider's model reference; DeepInfra and Together model names keep their slash", () => {
    expect(parseModelRef("sieve:acme/whisper")).toEqual({ provider: "sieve", owner: "acme", function: "whisper" });
    expect(parseModelRef("modzy:ed542963de")).toEqual({ provider: "modzy", modelId: "ed542963de" });
    expect(parseModelRef("deepinfra:meta-llama/Llama-3-8B")).toEqual({ provider: "deepinfra", modelName: "meta-llama/Llama-3-8B" });
    expect(parseModelRef("opper:support/classify-intent")).toEqual({ provider: "opper", functionName: "support/classify-intent" });
    expect(parseModelRef("opper-v2:fn-1")).toEqual({ provider: "opper-v2", functionId: "fn-1" });
    expect(parseModelRef("baseten:yqv4yjw")).toEqual({ provider: "baseten", modelId: "yqv4yjw" });
    expect(parseModelRef("together:meta-llama/Llama-3-8b-chat-hf")).toEqual({
      provider: "together",
      model: "meta-llama/Llama-3-8b-chat-hf",
    });
  });

  it("rejects a version reference where a model reference is expected", () => {
    const error = catchError(() => parseModelRef("sieve:acme/whisper@latest"));
    expect(error).toMatchObject({ argument: "modelRef", expected: "sieve:<owner>/<function>" });
  });
});

// Segments as references allow them: no separators, whitespace or control characters, not "." or "..".
const segment = fc
  .string({ unit: fc.constantFrom(..."abcXYZ019-_.~+%é中"), minLength: 1, maxLength: 12 })
  .filter((s) => s !== "." && s !== "..");
// Names made of segments joined by "/" (DeepInfra models, Opper functions).
const segmentPath = fc.array(segment, { minLength: 1, maxLength: 3 }).map((p) => p.join("/"));
const semver = fc
  .tuple(fc.nat(99), fc.nat(99), fc.nat(99), fc.option(fc.constantFrom("rc.1", "alpha", "beta.2")))
  .map(([a, b, c, pre]) => `${a}.${b}.${c}${pre ? `-${pre}` : ""}`);

const parsedRef: fc.Arbitrary<ParsedRef> = fc.oneof(
  fc.record({ provider: fc.constant("sieve" as const), owner: segment, function: segment, version: segment }),
  fc.record({ provider: fc.constant("modzy" as const), modelId: segment, version: semver }),
  fc.record({ provider: fc.constant("deepinfra" as const), deployId: segment }),
  fc.record({ provider: fc.constant("opper" as const), functionName: segmentPath, revisionId: fc.nat() }),
  fc.record({ provider: fc.constant("opper-v2" as const), functionId: segment, revisionId: segment }),
  fc.record({ provider: fc.constant("replicate" as const), owner: segment, name: segment }),
  fc.record({ provider: fc.constant("replicate" as const), owner: segment, name: segment, version: segment }),
  fc.record({ provider: fc.constant("huggingface" as const), namespace: segment, name: segment }),
  fc.record({ provider: fc.constant("baseten" as const), modelId: segment, deploymentId: segment }),
  fc.record({ provider: fc.constant("together" as const), endpointId: segment }),
);
const parsedModelRef: fc.Arbitrary<ParsedModelRef> = fc.oneof(
  fc.record({ provider: fc.constant("sieve" as const), owner: segment, function: segment }),
  fc.record({ provider: fc.constant("modzy" as const), modelId: segment }),
  fc.record({
    provider: fc.constant("deepinfra" as const),
    modelName: segmentPath,
  }),
  fc.record({ provider: fc.constant("opper" as const), functionName: segmentPath }),
  fc.record({ provider: fc.constant("opper-v2" as const), functionId: segment }),
  fc.record({ provider: fc.constant("replicate" as const), owner: segment, name: segment }),
  fc.record({ provider: fc.constant("huggingface" as const), namespace: segment, name: segment }),
  fc.record({ provider: fc.constant("baseten" as const), modelId: segment }),
  fc.record({
    provider: fc.constant("together" as const),
    model: fc.array(segment, { minLength: 1, maxLength: 3 }).map((p) => p.join("/")),
  }),
);

describe("round trips (property-based)", () => {
  it("parseRef(formatRef(r)) gives r back", () => {
    fc.assert(
      fc.property(parsedRef, (ref) => {
        expect(parseRef(formatRef(ref))).toEqual(ref);
      }),
    );
  });

  it("parseModelRef(formatModelRef(r)) gives r back", () => {
    fc.assert(
      fc.property(parsedModelRef, (ref) => {
        expect(parseModelRef(formatModelRef(ref))).toEqual(ref);
      }),
    );
  });

  it("any string either parses to a reference that formats back to it, or throws InvalidReferenceError", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          parsedRef.map((r) => formatRef(r)),
        ),
        (text) => {
          let parsed: ParsedRef;
          try {
            parsed = parseRef(text);
          } catch (error) {
            expect(error).toBeInstanceOf(InvalidReferenceError);
            return;
          }
          expect(formatRef(parsed)).toBe(text);
        },
      ),
    );
  });

  it("formatRef refuses parts that would not parse back", () => {
    expect(catchError(() => formatRef({ provider: "sieve", owner: "a/b", function: "f", version: "v" }))).toBeInstanceOf(
      InvalidReferenceError,
    );
    expect(catchError(() => formatRef({ provider: "modzy", modelId: "m", version: "one" }))).toBeInstanceOf(InvalidReferenceError);
    expect(catchError(() => formatRef({ provider: "nope" } as never))).toBeInstanceOf(InvalidReferenceError);
  });
});

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}
