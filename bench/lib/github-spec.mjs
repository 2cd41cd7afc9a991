// Prepares copies of GitHub's REST description (from the pinned @octokit/openapi package) for the codegen stage.
// The package unpacks to about 385 MB, so it is not a dependency (every `npm ci`, CI's included, would pay for it):
// the stage fetches its tarball from the npm registry on first use and keeps only the one JSON file.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { upgradeToOas31 } from "./oas30-to-31.mjs";
import { benchDir } from "./paths.mjs";

/** The pinned package the large spec comes from. */
export const GITHUB_SPEC_PACKAGE = { name: "@octokit/openapi", version: "23.0.2" };
const FILE_IN_PACKAGE = "package/generated/api.github.com.json";

/** The full (not dereferenced) api.github.com description, about 13 MB of JSON; fetched once into bench/.cache. */
export async function githubSpecPath() {
  const dir = join(benchDir, ".cache", `octokit-openapi-${GITHUB_SPEC_PACKAGE.version}`);
  const file = join(dir, FILE_IN_PACKAGE);
  if (existsSync(file)) return file;
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const run = promisify(execFile);
  await run("npm", ["pack", `${GITHUB_SPEC_PACKAGE.name}@${GITHUB_SPEC_PACKAGE.version}`, "--silent", "--pack-destination", dir], {
    maxBuffer: 1 << 20,
  });
  const tarball = (await readdir(dir)).find((name) => name.endsWith(".tgz"));
  if (!tarball) throw new Error(`npm pack ${GITHUB_SPEC_PACKAGE.name}@${GITHUB_SPEC_PACKAGE.version} produced no tarball`);
  await run("tar", ["-xzf", join(dir, tarball), "-C", dir, FILE_IN_PACKAGE]);
  await rm(join(dir, tarball));
  return file;
}

const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** What our generator needs beyond any OpenAPI document: its `info.x-modelfleet` block and one security scheme. */
function addModelfleetIdentity(doc) {
  doc.info["x-modelfleet"] = { package: "@modelfleet/github", name: "GitHub", envVar: "GITHUB_TOKEN" };
  doc.servers ??= [{ url: "https://api.github.com" }];
  doc.components.securitySchemes = { bearer: { type: "http", scheme: "bearer" } };
  doc.security = [{ bearer: [] }];
}

/**
 * Writes two copies into `<root>/specs/github.json` style roots:
 * - `asPublished`: the document plus the identity our generator needs, nothing else changed;
 * - `upgraded`: additionally upgraded to OpenAPI 3.1 and stripped of what our generator rejects
 *   (paths identical but for a parameter name; operations with no 2xx response), each edit listed.
 */
export async function writeGithubCopies(asPublishedFile, upgradedFile) {
  const source = await githubSpecPath();
  const text = await readFile(source, "utf8");
  const published = JSON.parse(text);
  const paths = Object.keys(published.paths).length;
  const operations = countOperations(published);

  addModelfleetIdentity(published);
  await writeFile(asPublishedFile, JSON.stringify(published, null, 2));

  const upgraded = JSON.parse(text);
  addModelfleetIdentity(upgraded);
  const counts = upgradeToOas31(upgraded);
  const removedPaths = removeIdenticalPaths(upgraded);
  const removedOperations = removeOperationsWithout2xx(upgraded);
  await writeFile(upgradedFile, JSON.stringify(upgraded, null, 2));

  return {
    source: "@octokit/openapi generated/api.github.com.json",
    bytes: Buffer.byteLength(text),
    openapi: published.openapi,
    paths,
    operations,
    edits: {
      upgradedNullable: counts.nullable,
      upgradedExclusiveBounds: counts.exclusiveBounds,
      removedPaths,
      removedOperations,
    },
  };
}

function countOperations(doc) {
  let n = 0;
  for (const item of Object.values(doc.paths)) for (const m of HTTP_METHODS) if (item?.[m]) n++;
  return n;
}

/** Drops the later of two paths that differ only by a parameter name (`/a/{x}` and `/a/{y}`). */
function removeIdenticalPaths(doc) {
  const seen = new Set();
  const removed = [];
  for (const path of Object.keys(doc.paths)) {
    const shape = path.replace(/\{[^}]*\}/g, "{}");
    if (seen.has(shape)) {
      delete doc.paths[path];
      removed.push(path);
    } else {
      seen.add(shape);
    }
  }
  return removed;
}

/** Drops operations that only redirect (3xx) and so declare no success response. */
function removeOperationsWithout2xx(doc) {
  const removed = [];
  for (const item of Object.values(doc.paths)) {
    for (const m of HTTP_METHODS) {
      const op = item?.[m];
      if (op && !Object.keys(op.responses ?? {}).some((s) => /^2/.test(s))) {
        removed.push(op.operationId ?? m);
        delete item[m];
      }
    }
  }
  return removed;
}
