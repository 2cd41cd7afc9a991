import type { PackageManifest } from "@modelfleet/package-checks";
import { describe, expect, it } from "vitest";
import { expectedInstall, installedPackages, type Lockfile, nameOf } from "./dependencies.js";

const workspaces = new Map<string, PackageManifest>([
  [
    "@modelfleet/sieve",
    { name: "@modelfleet/sieve", version: "1.0.0", dependencies: { "@modelfleet/runtime": "^1.0.0", "openapi-fetch": "0.17.0" } },
  ],
  [
    "@modelfleet/runtime",
    { name: "@modelfleet/runtime", version: "1.0.0", dependencies: { "openapi-fetch": "0.17.0" }, devDependencies: { vitest: "4.1.12" } },
  ],
]);
const lock: Lockfile = {
  packages: {
    "node_modules/openapi-fetch": { version: "0.17.0", dependencies: { "openapi-typescript-helpers": "^0.1.0" } },
    "node_modules/openapi-typescript-helpers": { version: "0.1.0" },
  },
};

describe("expectedInstall", () => {
  it("follows dependencies through our manifests and the lockfile, never devDependencies", () => {
    expect(expectedInstall("@modelfleet/sieve", workspaces, lock)).toEqual(
      new Set(["@modelfleet/sieve", "@modelfleet/runtime", "openapi-fetch", "openapi-typescript-helpers"]),
    );
  });

  it("fails on a dependency it cannot see", () => {
    expect(() => expectedInstall("left-pad", workspaces, lock)).toThrow(/neither a workspace nor in package-lock.json/);
  });
});

describe("installedPackages", () => {
  it("lists every package of an npm ls tree once", () => {
    const tree = {
      dependencies: {
        "@modelfleet/sieve": { version: "1.0.0", dependencies: { "openapi-fetch": { version: "0.17.0" } } },
        "openapi-fetch": { version: "0.17.0" },
      },
    };
    expect(installedPackages(tree)).toEqual(["@modelfleet/sieve@1.0.0", "openapi-fetch@0.17.0"]);
    expect(nameOf("@modelfleet/sieve@1.0.0")).toBe("@modelfleet/sieve");
  });
});
