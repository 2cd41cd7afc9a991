import { describe, expect, it } from "vitest";
import { HUGGINGFACE_STATUS, huggingFaceScaleBody, normalizeHuggingFaceEndpoint } from "./normalize.js";

const endpoint = {
  name: "e",
  type: "protected",
  provider: { vendor: "aws", region: "us-east-1" },
  compute: { accelerator: "gpu", instanceType: "nvidia-l4", instanceSize: "x1", scaling: { minReplica: 1, maxReplica: 2 } },
  model: { repository: "gpt2", framework: "pytorch", image: { huggingface: {} } },
  status: {
    state: "running",
    message: "",
    createdAt: "2023-10-26T12:41:53.263Z",
    updatedAt: "2023-10-26T12:41:53.263Z",
    createdBy: { id: "u", name: "u" },
    readyReplica: 1,
    targetReplica: 1,
  },
} as const;

describe("normalizeHuggingFaceEndpoint", () => {
  it.each(
    Object.entries({
      pending: "pending",
      initializing: "deploying",
      updating: "deploying",
      updateFailed: "failed",
      running: "ready",
      scaledToZero: "ready",
      paused: "stopped",
      failed: "failed",
      hibernating: "unknown",
    }),
  )("maps state %s to %s, keeping the state as providerStatus", (state, status) => {
    const result = normalizeHuggingFaceEndpoint({ ...endpoint, status: { ...endpoint.status, state } }, "acme-ml");
    expect(result.status).toBe(status);
    expect(result.providerStatus).toBe(state);
  });

  it("the status table covers exactly the documented states", () => {
    expect(Object.keys(HUGGINGFACE_STATUS).sort()).toEqual(
      ["pending", "initializing", "updating", "updateFailed", "running", "paused", "failed", "scaledToZero"]
        .map((s) => s.toLowerCase())
        .sort(),
    );
  });

  it("missing optional fields, a null scaling and an unpinned revision normalize without a crash", () => {
    const bare = { name: "bare", model: { repository: "gpt2", revision: null }, compute: { scaling: null } };
    expect(normalizeHuggingFaceEndpoint(bare as never, "acme-ml")).toEqual({
      ref: "huggingface:acme-ml/bare",
      provider: "huggingface",
      model: "gpt2",
      version: "latest",
      status: "unknown",
      providerStatus: null,
      createdAt: null,
      updatedAt: null,
      scaling: null,
      replicas: null,
      hardware: null,
      raw: bare,
    });
    expect(normalizeHuggingFaceEndpoint("<html>" as never, "acme-ml", "asked")).toMatchObject({
      ref: "huggingface:acme-ml/asked",
      model: "",
    });
    expect(normalizeHuggingFaceEndpoint({ compute: { accelerator: "cpu" }, provider: { vendor: "aws" } } as never, "n").hardware).toBe(
      "cpu (aws)",
    );
    expect(normalizeHuggingFaceEndpoint({ provider: { region: "eu-west-1" } } as never, "n").hardware).toBe("eu-west-1");
  });
});

describe("huggingFaceScaleBody", () => {
  it("keeps the idle timeout and measure, adds the default timeout only for a minimum of 0 without one", () => {
    const withTimeout = {
      ...endpoint,
      compute: { ...endpoint.compute, scaling: { minReplica: 1, maxReplica: 1, scaleToZeroTimeout: 30 } },
    };
    expect(huggingFaceScaleBody(withTimeout, 0, 1).compute?.scaling).toEqual({ minReplica: 0, maxReplica: 1, scaleToZeroTimeout: 30 });
    expect(huggingFaceScaleBody(endpoint, 0, 1).compute?.scaling).toEqual({ minReplica: 0, maxReplica: 1, scaleToZeroTimeout: 60 });
    expect(huggingFaceScaleBody(endpoint, 1, 3).compute?.scaling).toEqual({ minReplica: 1, maxReplica: 3 });
  });

  it("sends only what is known when compute or scaling is missing, null or odd", () => {
    expect(huggingFaceScaleBody({ compute: { scaling: null } } as never, 1, 2)).toEqual({
      compute: { scaling: { minReplica: 1, maxReplica: 2 } },
    });
    expect(huggingFaceScaleBody(undefined, 2, 2)).toEqual({ compute: { scaling: { minReplica: 2, maxReplica: 2 } } });
    expect(huggingFaceScaleBody({ compute: { instanceType: 7, scaling: { scaleToZeroTimeout: -5 } } } as never, 0, 1)).toEqual({
      compute: { instanceType: "7", scaling: { minReplica: 0, maxReplica: 1, scaleToZeroTimeout: 60 } },
    });
  });
});
