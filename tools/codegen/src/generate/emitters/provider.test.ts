import { describe, expect, it } from "vitest";
import type { OperationModel } from "../model.js";
import { emptyStatuses, responseAs } from "./provider.js";

const op = (success: OperationModel["success"]): OperationModel => ({
  operationId: "op",
  methodName: "op",
  typeName: "Op",
  method: "DELETE",
  path: "/x",
  pointer: "#/paths/~1x/delete",
  deprecated: false,
  params: [],
  success,
  idempotent: true,
});

describe("the operation table's success entries", () => {
  it("lists success statuses declared without a body, leaving out 204, 205 and ranges", () => {
    const model = op([
      { status: "200", mediaType: "application/json", readAs: "json" },
      { status: "202", mediaType: undefined },
      { status: "204", mediaType: undefined },
      { status: "205", mediaType: undefined },
      { status: "2XX", mediaType: undefined },
    ]);
    expect(emptyStatuses(model)).toEqual([202]);
    expect(emptyStatuses(op([{ status: "200", mediaType: "application/json", readAs: "json" }]))).toEqual([]);
  });

  it("reads a body that is not JSON by its media type and leaves JSON to the default", () => {
    expect(responseAs(op([{ status: "200", mediaType: "audio/mpeg", readAs: "blob" }]))).toBe("blob");
    expect(
      responseAs(
        op([
          { status: "202", mediaType: undefined },
          { status: "200", mediaType: "text/plain", readAs: "text" },
        ]),
      ),
    ).toBe("text");
    expect(responseAs(op([{ status: "200", mediaType: "application/json", readAs: "json" }]))).toBeUndefined();
  });
});
