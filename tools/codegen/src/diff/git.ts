import { execFile } from "node:child_process";

/** A git command failed; `message` is git's own first line of complaint. */
export class GitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "GitError";
  }
}

/** Runs git in `cwd` and returns its stdout. Specs can be large (a 13 MB description exists), hence the buffer. */
export function git(cwd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile("git", args, { cwd, maxBuffer: 512 * 1024 * 1024, encoding: "utf8" }, (error, stdout, stderr) => {
      if (error) {
        const detail = String(stderr).trim().split("\n")[0] || error.message;
        reject(new GitError(`git ${args[0]}: ${detail}`));
      } else resolve(String(stdout));
    });
  });
}

/** The commit a ref names, or `undefined` when it names none (an unknown ref, or HEAD of a repository without commits). */
export async function resolveCommit(cwd: string, ref: string): Promise<string | undefined> {
  try {
    return (await git(cwd, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`])).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Files directly under `dir` (relative to `cwd`) at a commit, as paths relative to `cwd`. */
export async function listFilesAt(cwd: string, commit: string, dir: string): Promise<string[]> {
  const out = await git(cwd, ["ls-tree", "--name-only", commit, "--", `${dir.replace(/\/+$/, "")}/`]);
  return out.split("\n").filter(Boolean);
}

/** A file's text at a commit (`git show <commit>:./<path>`, the path relative to `cwd`). */
export function showFileAt(cwd: string, commit: string, path: string): Promise<string> {
  return git(cwd, ["show", `${commit}:./${path}`]);
}

/** Tags whose commits are ancestors of HEAD (release tags of what is checked out). */
export async function tagsMergedIntoHead(cwd: string): Promise<string[]> {
  const out = await git(cwd, ["tag", "--list", "--merged", "HEAD"]).catch(() => "");
  return out.split("\n").filter(Boolean);
}

/**
 * The newest changesets release tag of a package (`@modelfleet/sieve@0.2.0`), by semver, among `tags`.
 * Pre-releases rank below their release.
 */
export function latestReleaseTag(tags: readonly string[], packageName: string): string | undefined {
  const prefix = `${packageName}@`;
  let best: { tag: string; version: number[]; pre: string } | undefined;
  for (const tag of tags) {
    if (!tag.startsWith(prefix)) continue;
    const match = /^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?$/.exec(tag.slice(prefix.length));
    if (!match) continue;
    const candidate = { tag, version: [Number(match[1]), Number(match[2]), Number(match[3])], pre: match[4] ?? "" };
    if (!best || compareVersions(candidate, best) > 0) best = candidate;
  }
  return best?.tag;
}

function compareVersions(a: { version: number[]; pre: string }, b: { version: number[]; pre: string }): number {
  for (let i = 0; i < 3; i++) {
    const d = (a.version[i] ?? 0) - (b.version[i] ?? 0);
    if (d) return d;
  }
  if (a.pre === b.pre) return 0;
  if (!a.pre) return 1;
  if (!b.pre) return -1;
  return a.pre.localeCompare(b.pre, "en", { numeric: true });
}
