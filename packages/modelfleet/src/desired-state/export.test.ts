import type { ModelVersion } from "@modelfleet/runtime/fleet";
import { describe, expect, it } from "vitest";
import type { FleetCapabilities } from "../fleet.js";
import { desiredStateOf } from "./export.js";

const version = (ref: string, served: string): ModelVersion => ({
  ref,
  provider: "acme",
  model: ref.split("@")[0] ?? ref,
  version: served,
  status: "ready",
  providerStatus: null,
  createdAt: null,
  updatedAt: null,
  scaling: null,
  replicas: null,
  hardware: null,
  raw: {},
});

const rollbackOnly: FleetCapabilities = {
  getVersion: true,
  listVersions: true,
  listDeployments: true,
  scale: false,
  start: false,
  stop: false,
  promote: false,
  rollback: true,
  price: false,
  usage: false,
};

describe("desiredStateOf", () => {
  it("pins the version served where the provider can roll back, and leaves an empty one unmanaged", () => {
    const desired = desiredStateOf([version("acme:fresh@current", ""), version("acme:summarize@current", "4")], () => rollbackOnly);
    expect(desired.deployments).toEqual([{ ref: "acme:fresh@current" }, { ref: "acme:summarize@current", version: "4" }]);
  });
});
