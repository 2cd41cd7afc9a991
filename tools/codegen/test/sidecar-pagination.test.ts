import { describe, expect, it } from "vitest";
import type { Sidecar } from "../src/import/sidecar.js";
import { type NamedOperation, placeSidecarPagination } from "../src/import/sidecar-pagination.js";

const sidecar = (pagination: Record<string, unknown>): Sidecar => ({
  spec: "acme.yaml",
  package: "@modelfleet/acme",
  name: "Acme",
  envVar: "ACME_API_KEY",
  pagination,
});

const operation = (extra: Record<string, unknown> = {}): NamedOperation => ({
  pointer: "#/paths/~1runs/get",
  operation: { operationId: "listRuns", responses: {}, ...extra },
  methodName: "listRuns",
});

describe("placeSidecarPagination", () => {
  const entry = { style: "next-url", items: "/results", next: "/next" };

  it("puts the entry on the operation it names, without a finding", () => {
    const target = operation();
    const { placements, diagnostics } = placeSidecarPagination(
      sidecar({ listRuns: entry }),
      "specs/acme.modelfleet.yaml",
      new Map([["listRuns", [target]]]),
      new Map(),
    );
    expect(placements).toEqual([{ key: "listRuns", operationPointer: "#/paths/~1runs/get" }]);
    expect(diagnostics).toEqual([]);
    expect((target.operation as Record<string, unknown>)["x-modelfleet-pagination"]).toBe(entry);
  });

  it("warns at the entry when it replaces a declaration the vendor document carries itself", () => {
    const declared = { style: "offset", items: "/results", offset: "skip" };
    const target = operation({ "x-modelfleet-pagination": declared });
    const { diagnostics } = placeSidecarPagination(
      sidecar({ listRuns: entry }),
      "specs/acme.modelfleet.yaml",
      new Map([["listRuns", [target]]]),
      new Map(),
    );
    expect(diagnostics).toEqual([
      {
        severity: "warning",
        code: "modelfleet/pagination-operation",
        message: "pagination.listRuns replaces the x-modelfleet-pagination the document declares on GET /runs",
        file: "specs/acme.modelfleet.yaml",
        pointer: "#/pagination/listRuns",
        help: "remove the sidecar entry to use the document's own declaration",
      },
    ]);
    expect((target.operation as Record<string, unknown>)["x-modelfleet-pagination"]).toBe(entry);
  });
});
