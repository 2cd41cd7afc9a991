import { strict as assert } from "node:assert";
import { readFile, stat, writeFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { listPublishable, type PackageManifest } from "@modelfleet/package-checks";
import type { Lockfile } from "./dependencies.js";
import { exec } from "./exec.js";
import { assertLoopbackRegistry } from "./npm-env.js";
import type { Step } from "./steps.js";

/**
 * Added to the snapshot before versioning, so that `changeset version` always has work (also right after a real
 * release consumed every changeset) and always has to move the runtime's dependents: their `^` ranges and versions.
 */
const E2E_CHANGESET = `---
"@modelfleet/runtime": patch
---

Release test only (never committed): a runtime patch, so that versioning updates every internal dependent.
`;

/**
 * Versions the snapshot with the real `npm run version-packages` (changeset version, then the lockfile), checks what
 * it did, commits like a maintainer would, and publishes everything with the real `npm run release` to the loopback
 * registry `env` points at. Returns the published version of every publishable package.
 */
export async function versionAndPublish(snapshot: string, env: NodeJS.ProcessEnv, step: Step): Promise<Map<string, string>> {
  const before = new Map((await listPublishable(snapshot)).map((w) => [w.manifest.name, w.manifest.version]));
  await writeFile(join(snapshot, ".changeset", "modelfleet-e2e-release-test.md"), E2E_CHANGESET);

  await step("npm run version-packages (changeset version, then the lockfile)", () =>
    exec("npm", ["run", "version-packages"], { cwd: snapshot, env }),
  );
  const after = await listPublishable(snapshot);
  const manifests = new Map(after.map((w) => [w.manifest.name, w.manifest]));
  await step("check versions, internal ranges, changelogs and the lockfile", async () => {
    const lock = JSON.parse(await readFile(join(snapshot, "package-lock.json"), "utf8")) as Lockfile;
    const runtime = manifests.get("@modelfleet/runtime") as PackageManifest;
    assert.notEqual(runtime.version, before.get("@modelfleet/runtime"), "changeset version did not bump @modelfleet/runtime");
    for (const { manifest, dir } of after) {
      for (const [dep, range] of Object.entries(manifest.dependencies ?? {})) {
        const target = manifests.get(dep);
        if (target) assert.equal(range, `^${target.version}`, `${manifest.name}'s range for ${dep} after changeset version`);
      }
      const locked = lock.packages[relative(snapshot, dir).split(sep).join("/")];
      assert.equal(locked?.version, manifest.version, `package-lock.json still has ${manifest.name}@${locked?.version}`);
      if (manifest.version !== before.get(manifest.name)) {
        const changelog = await stat(join(dir, "CHANGELOG.md")).catch(() => undefined);
        assert.ok(changelog && changelog.size > 0, `${manifest.name} was bumped to ${manifest.version} without a CHANGELOG.md`);
      }
    }
    const bumped = after.filter((w) => w.manifest.version !== before.get(w.manifest.name));
    return bumped.map((w) => `${w.manifest.name} ${before.get(w.manifest.name)} -> ${w.manifest.version}`).join(", ");
  });
  await exec("git", ["add", "--all"], { cwd: snapshot, env });
  await exec("git", ["commit", "--quiet", "--no-verify", "--message", "Version packages"], { cwd: snapshot, env });

  const registry = await assertLoopbackRegistry(env, snapshot, manifests.values());
  await step(`npm run release -> ${registry}`, () => exec("npm", ["run", "release"], { cwd: snapshot, env, stream: true }));

  await step("check every package is in the registry and tagged", async () => {
    const tags = new Set((await exec("git", ["tag", "--list"], { cwd: snapshot, env })).stdout.split("\n"));
    for (const [name, manifest] of manifests) {
      const { stdout } = await exec("npm", ["view", `${name}@${manifest.version}`, "version"], { cwd: snapshot, env });
      assert.equal(stdout.trim(), manifest.version, `${name}@${manifest.version} is not in the registry`);
      assert.ok(tags.has(`${name}@${manifest.version}`), `changeset publish did not tag ${name}@${manifest.version}`);
    }
    return [...manifests].map(([name, m]) => `${name}@${m.version}`).join(", ");
  });
  return new Map([...manifests].map(([name, m]) => [name, m.version]));
}
