import { describe, expect, it } from "vitest";
import { locateInJson } from "../src/openapi/locate-json.js";

const TEXT = `{
  "openapi": "3.1.0",
  "paths": {
    "/a~b/{id}": { "get": { "operationId": "x\\"y", "tags": ["one", 2, null] } }
  },
  "n": -1.5e3
}`;

describe("locateInJson", () => {
  it("locates many pointers in one pass, at their values, escapes and arrays included", () => {
    const found = locateInJson(TEXT, ["#/openapi", "#/paths/~1a~0b~1{id}/get/operationId", "#/paths/~1a~0b~1{id}/get/tags/2", "#/n", "#"]);
    expect(found.get("#/openapi")).toEqual({ line: 2, column: 14 });
    expect(found.get("#/paths/~1a~0b~1{id}/get/operationId")).toEqual({ line: 4, column: 44 });
    expect(found.get("#/paths/~1a~0b~1{id}/get/tags/2")).toEqual({ line: 4, column: 71 });
    expect(found.get("#/n")).toEqual({ line: 6, column: 8 });
    expect(found.get("#")).toEqual({ line: 1, column: 1 });
  });

  it("falls back to the nearest existing parent for a pointer that names nothing", () => {
    expect(locateInJson(TEXT, ["#/paths/~1a~0b~1{id}/post/responses"]).get("#/paths/~1a~0b~1{id}/post/responses")).toEqual({
      line: 4,
      column: 18,
    });
  });
});
