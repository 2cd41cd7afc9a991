import { describe, expect, it } from "vitest";
import type { DeploymentView } from "../view-types.js";
import { queryFrom, searchOf, visibleRows } from "./fleet-table.js";

const row = (ref: string, extra: Partial<DeploymentView> = {}): DeploymentView => ({
  ref,
  provider: ref.split(":")[0] as string,
  model: "acme/llama",
  version: "v1",
  status: "ready",
  providerStatus: null,
  scaling: { min: 0, max: 1 },
  replicas: 1,
  hardware: null,
  createdAt: null,
  updatedAt: null,
  ...extra,
});

describe("the fleet table's query", () => {
  it("round-trips through the URL, leaving defaults out and unknown values at their default", () => {
    const query = { provider: "deepinfra", status: "ready", q: "a b&c", sort: "replicas", dir: "desc" as const };
    expect(queryFrom(new URLSearchParams(searchOf(query)))).toEqual(query);
    expect(searchOf(queryFrom(new URLSearchParams("")))).toBe("");
    expect(queryFrom(new URLSearchParams("sort=__proto__&dir=sideways"))).toMatchObject({ sort: "provider", dir: "asc" });
  });

  it("filters by provider, status and text (any column), and sorts numbers as numbers with unknowns last", () => {
    const rows = [
      row("sieve:a@1", { replicas: 10 }),
      row("deepinfra:b", { replicas: 9, status: "stopped" }),
      row("deepinfra:c", { replicas: null, hardware: "2x A100" }),
    ];
    const base = queryFrom(new URLSearchParams(""));
    expect(visibleRows(rows, { ...base, provider: "deepinfra" }).map((r) => r.ref)).toEqual(["deepinfra:b", "deepinfra:c"]);
    expect(visibleRows(rows, { ...base, status: "stopped" }).map((r) => r.ref)).toEqual(["deepinfra:b"]);
    expect(visibleRows(rows, { ...base, q: "a100" }).map((r) => r.ref)).toEqual(["deepinfra:c"]);
    expect(visibleRows(rows, { ...base, sort: "replicas" }).map((r) => r.ref)).toEqual(["deepinfra:b", "sieve:a@1", "deepinfra:c"]);
    expect(visibleRows(rows, { ...base, sort: "replicas", dir: "desc" }).map((r) => r.ref)).toEqual([
      "sieve:a@1",
      "deepinfra:b",
      "deepinfra:c",
    ]);
  });
});
