// GitHub's REST description (from the pinned @octokit/openapi package) for the codegen stage, as published.
// The package unpacks to about 385 MB, so it is not a dependency (every `npm ci`, CI's included, would pay for it):
// the stage fetches its tarball from the npm registry on first use and keeps only the one JSON file.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
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

/** Size, version and counts of the published file, for the report. */
export async function describeGithubSpec() {
  const text = await readFile(await githubSpecPath(), "utf8");
  const doc = JSON.parse(text);
  let operations = 0;
  for (const item of Object.values(doc.paths)) for (const m of HTTP_METHODS) if (item?.[m]) operations++;
  return {
    source: "@octokit/openapi generated/api.github.com.json",
    bytes: Buffer.byteLength(text),
    openapi: doc.openapi,
    paths: Object.keys(doc.paths).length,
    operations,
  };
}
