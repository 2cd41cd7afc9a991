// Rules over the whole repository, so that a new workspace cannot slip past the release gates.
import { readdir, readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import parseChangeset from "@changesets/parse";
import { describe, expect, it } from "vitest";
import { clientShapesFrom } from "./client-shape.js";
import { checkManifest } from "./manifest.js";
import { budgetFor } from "./size.js";
import { findRepoRoot, listPublishable, listWorkspaces, readManifest } from "./workspaces.js";

const root = await findRepoRoot(dirname(fileURLToPath(import.meta.url)));
const workspaces = await listWorkspaces(root);
const publishable = await listPublishable(root);
const byName = new Map(workspaces.map((w) => [w.manifest.name, w]));
const rootLicense = await readFile(join(root, "LICENSE"), "utf8");
const CHECK_SCRIPT = "node ../../tools/package-checks/dist/check-package.js";

describe("the repository", () => {
  it("is private at the root, and so are the tools that must never be published", async () => {
    expect((await readManifest(root)).private).toBe(true);
    expect(rootLicense).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} modelfleet contributors\n/);
    for (const name of ["@modelfleet/test-utils", "@modelfleet/package-checks", "@modelfleet/e2e"]) {
      expect(byName.get(name)?.manifest.private, name).toBe(true);
    }
  });

  it("publishes the runtime, the codegen and the provider clients", () => {
    const names = publishable.map((w) => w.manifest.name);
    for (const name of ["@modelfleet/runtime", "@modelfleet/codegen", "@modelfleet/sieve"]) expect(names).toContain(name);
  });
});

describe.each(publishable.map((w) => [w.manifest.name, w] as const))("publishable %s", (_name, workspace) => {
  const { manifest } = workspace;

  it("runs the package gate as its check:package task", () => {
    expect(manifest.scripts?.["check:package"]).toBe(CHECK_SCRIPT);
  });

  it("carries the repository's LICENSE, byte for byte", async () => {
    const license = await readFile(join(workspace.dir, "LICENSE"), "utf8").catch(() => undefined);
    expect(license, `${workspace.path}/LICENSE is missing: copy the repository's LICENSE there`).toBe(rootLicense);
  });

  it("links the API reference from its README when it is a library", async () => {
    const isLibrary = typeof manifest.exports === "object" && manifest.exports !== null && "." in manifest.exports;
    const readme = await readFile(join(workspace.dir, "README.md"), "utf8");
    if (isLibrary) expect(readme).toMatch(/^## API reference\n\n.*`npm run docs`/m);
  });

  it("has a publishable package.json", () => {
    expect(checkManifest(manifest)).toEqual([]);
  });

  it("has a size budget rule (or is a command-line tool)", () => {
    expect(() => budgetFor(manifest, clientShapesFrom(workspace.dir, manifest.name))).not.toThrow();
  });

  it("depends on other workspaces only through published packages, with a range their current version satisfies", () => {
    for (const [dep, range] of Object.entries(manifest.dependencies ?? {})) {
      const target = byName.get(dep);
      if (!target) continue;
      expect(target.manifest.private, `${dep} is private and can never be installed from the registry`).not.toBe(true);
      expect(range, `${manifest.name} -> ${dep}`).toBe(`^${target.manifest.version}`);
    }
  });
});

describe("changesets", () => {
  it("versions every public package independently and never versions or tags private ones", async () => {
    const config = JSON.parse(await readFile(join(root, ".changeset", "config.json"), "utf8")) as Record<string, unknown>;
    expect(config).toMatchObject({
      access: "public",
      fixed: [],
      linked: [],
      ignore: [],
      updateInternalDependencies: "patch",
      privatePackages: { version: false, tag: false },
      baseBranch: "main",
      commit: false,
    });
    expect(config.changelog).toBeTruthy();
  });
});

describe.each((await readdir(join(root, ".changeset"))).filter((f) => f.endsWith(".md") && f !== "README.md"))("changeset %s", (file) => {
  // A Markdown formatter once turned the front matter into a heading; changeset version then refused every file.
  it("has front matter naming publishable packages and a summary", async () => {
    const { releases, summary } = parseChangeset(await readFile(join(root, ".changeset", file), "utf8"));
    expect(releases.length).toBeGreaterThan(0);
    expect(summary.trim()).not.toBe("");
    const names = new Set(publishable.map((w) => w.manifest.name));
    for (const release of releases) {
      expect(names, `${release.name} is not a publishable workspace`).toContain(release.name);
      expect(["major", "minor", "patch"]).toContain(release.type);
    }
  });
});
