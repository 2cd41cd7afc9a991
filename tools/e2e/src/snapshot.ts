import { existsSync } from "node:fs";
import { copyFile, mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { exec } from "./exec.js";

/** Git identity for the commits and tags the release makes in the snapshot. */
export const GIT_IDENTITY = {
  GIT_AUTHOR_NAME: "modelfleet e2e",
  GIT_AUTHOR_EMAIL: "e2e@modelfleet.invalid",
  GIT_COMMITTER_NAME: "modelfleet e2e",
  GIT_COMMITTER_EMAIL: "e2e@modelfleet.invalid",
};

/**
 * Copies the repository's working tree (tracked and untracked files, minus what .gitignore excludes: so uncommitted
 * work is tested too, and no node_modules or dist) into `destination` and commits it as a fresh git repository, which
 * `changeset publish` needs for its tags.
 */
export async function snapshotRepository(repoRoot: string, destination: string): Promise<void> {
  const env = { ...process.env, ...GIT_IDENTITY };
  const { stdout } = await exec("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: repoRoot, env });
  const files = stdout.split("\0").filter((file) => file !== "" && existsSync(join(repoRoot, file)));
  for (const file of files) {
    await mkdir(dirname(join(destination, file)), { recursive: true });
    await copyFile(join(repoRoot, file), join(destination, file));
  }
  const git = (...args: string[]) => exec("git", args, { cwd: destination, env });
  await git("init", "--quiet", "--initial-branch=main");
  await git("add", "--all");
  await git("commit", "--quiet", "--no-verify", "--message", "Snapshot of the working tree for the release test");
}
