// What the numbers were measured on: machine, load, Node, package versions and the commit.
import { execFileSync } from "node:child_process";
import os from "node:os";
import { GITHUB_SPEC_PACKAGE } from "./github-spec.mjs";
import { packageVersion, repoRoot } from "./paths.mjs";

const PACKAGES = [
  "@modelfleet/codegen",
  "@modelfleet/runtime",
  "@modelfleet/sieve",
  "@modelfleet/modzy",
  "@modelfleet/deepinfra",
  "@modelfleet/opper",
  "@modelfleet/opper-v2",
  "modelfleet",
  "openapi-typescript",
  "openapi-fetch",
  "typescript",
  "turbo",
  "tsup",
  "esbuild",
];

/** One snapshot of the machine's load: 1, 5 and 15 minute load averages. */
export function load() {
  return os.loadavg().map((x) => Math.round(x * 100) / 100);
}

export function environment() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model?.trim() || "unknown",
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.version,
    v8: process.versions.v8,
    undici: process.versions.undici,
    packages: {
      ...Object.fromEntries(PACKAGES.map((name) => [name, packageVersion(name)])),
      [GITHUB_SPEC_PACKAGE.name]: `${GITHUB_SPEC_PACKAGE.version} (fetched on demand)`,
    },
    commit: gitCommit(),
    MODELFLEET_LOG: process.env.MODELFLEET_LOG ?? null,
  };
}

function gitCommit() {
  try {
    const sha = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: repoRoot, encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--untracked-files=no"], { cwd: repoRoot, encoding: "utf8" }).trim();
    return dirty ? `${sha} (with uncommitted changes)` : sha;
  } catch {
    return "unknown";
  }
}
