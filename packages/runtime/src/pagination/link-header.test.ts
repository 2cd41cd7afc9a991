import { describe, expect, it } from "vitest";
import { nextLinkTarget } from "./link-header.js";

describe("nextLinkTarget", () => {
  it.each([
    ['<https://x/models?page=2>; rel="next"', "https://x/models?page=2"],
    ['<https://x/m?page=1>; rel="prev", <https://x/m?page=3>; rel="next"', "https://x/m?page=3"],
    ["<https://x/m?page=3>; rel=next", "https://x/m?page=3"],
    ['<https://x/a,b?page=3>; rel="prev next"', "https://x/a,b?page=3"],
    ['<https://x/m?page=3>; title="a, b"; REL="Next"', "https://x/m?page=3"],
    ['</v1/m?after=9>; rel="next"', "/v1/m?after=9"],
    ['<https://x/m?page=1>; rel="prev"', undefined],
    ['<https://x/next>; rel="last"', undefined],
    ['<https://x/m>; rel="nextpage"', undefined],
    ["garbage", undefined],
    ["", undefined],
  ])("%j → %s", (header, expected) => {
    expect(nextLinkTarget(header)).toBe(expected);
  });

  it("is undefined without a header", () => {
    expect(nextLinkTarget(null)).toBeUndefined();
  });
});
