import { mkdir, readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { parse } from "yaml";
import { writeAtomically } from "../generate/write-output.js";
import { isRecord } from "../openapi/json.js";
import type { SpecDiff } from "./command.js";
import { type ChangeKind, OPERATION_CODES, schemaPlace } from "./types.js";

/** A changesets release type. */
export type Bump = "major" | "minor" | "patch";

const BUMP_RANK: Record<Bump, number> = { patch: 0, minor: 1, major: 2 };

/**
 * The bump a change implies for a package at `version`. From 1.0.0 on: breaking → major, feature → minor,
 * fix → patch. Below 1.0.0 the minor number is the breaking one, as npm's caret ranges read it (`^0.3.1` accepts
 * 0.3.x only): breaking → minor, feature and fix → patch, so callers on `^0.y.z` receive additions without editing
 * their range and never receive a break. Changesets itself does not remap: a `major` on 0.x would publish 1.0.0,
 * which stays a deliberate, hand-written decision.
 */
export function bumpFor(kind: ChangeKind, version: string): Bump {
  const preOne = /^0\./.test(version);
  if (kind === "breaking") return preOne ? "minor" : "major";
  if (kind === "feature") return preOne ? "patch" : "minor";
  return "patch";
}

export function maxBump(a: Bump, b: Bump): Bump {
  return BUMP_RANK[a] >= BUMP_RANK[b] ? a : b;
}

/** What `--changeset` did for one package. */
export interface ChangesetOutcome {
  packageName: string;
  spec: string;
  /** `.changeset/<name>.md`, relative to the root; absent when nothing was written. */
  file?: string;
  /** The bump the diff implies for the package's current version. */
  implied?: Bump;
  /** The bump written: never lower than one already pending for the package. */
  bump?: Bump;
  /** Set when a pending changeset already asked for more than the diff implies. */
  keptFrom?: string;
  /** Why nothing was written. */
  skipped?: string;
}

/**
 * Writes `.changeset/<id>-spec-changes.md` for every spec with changes, naming the package and the bump its changes
 * imply. The file is rewritten on each run (the diff is cumulative from the base), but its bump never goes below
 * one already pending for the package in any changeset, this one included.
 */
export async function writeChangesets(root: string, diffs: readonly SpecDiff[]): Promise<ChangesetOutcome[]> {
  const dir = join(root, ".changeset");
  const pending = await readPendingBumps(dir);
  const outcomes: ChangesetOutcome[] = [];
  for (const diff of diffs) {
    if (!diff.highest || diff.changes.length === 0) continue;
    const outcome: ChangesetOutcome = { packageName: diff.packageName, spec: diff.spec };
    outcomes.push(outcome);
    const version = await workspaceVersion(root, diff.id, diff.packageName);
    if (version === undefined) {
      outcome.skipped = `no workspace package ${diff.packageName} in packages/${diff.id} (run \`modelfleet-codegen generate\` first)`;
      continue;
    }
    const name = `${diff.id}-spec-changes.md`;
    outcome.implied = bumpFor(diff.highest, version);
    let bump = outcome.implied;
    for (const p of pending.get(diff.packageName) ?? []) {
      if (maxBump(p.bump, bump) !== bump) {
        bump = p.bump;
        outcome.keptFrom = p.file;
      }
    }
    outcome.bump = bump;
    outcome.file = `.changeset/${name}`;
    await mkdir(dir, { recursive: true });
    await writeAtomically(join(dir, name), renderChangeset(diff, bump));
  }
  return outcomes;
}

/** The changeset's text: front matter with the bump, then one line per change for the changelog. */
export function renderChangeset(diff: SpecDiff, bump: Bump): string {
  const label: Record<ChangeKind, string> = { breaking: "Breaking", feature: "Feature", fix: "Fix" };
  const lines = diff.changes.map((c) => {
    const where = [schemaPlace(c.pointer), ...(OPERATION_CODES.has(c.code) ? [] : c.operations)].filter(Boolean).map((w) => `\`${w}\``);
    // When the two judgements differ, say which one the label comes from: "Breaking (types only)" is a rename, not an outage.
    const only = c.wire === c.types ? "" : c.kind === c.wire ? " (wire only)" : " (types only)";
    return `- ${label[c.kind]}${only}: ${c.message}${where.length ? ` (${where.join(", ")})` : ""}`;
  });
  return [
    "---",
    `${JSON.stringify(diff.packageName)}: ${bump}`,
    "---",
    "",
    `API changes in \`${diff.spec}\`, as classified by \`modelfleet-codegen diff\`:`,
    "",
    ...lines,
    "",
  ].join("\n");
}

/** Bumps requested by every pending changeset, per package. */
async function readPendingBumps(dir: string): Promise<Map<string, Array<{ bump: Bump; file: string }>>> {
  const out = new Map<string, Array<{ bump: Bump; file: string }>>();
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names.filter((n) => n.endsWith(".md") && n.toLowerCase() !== "readme.md").sort()) {
    const text = await readFile(join(dir, name), "utf8").catch(() => "");
    const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
    if (!match) continue;
    let front: unknown;
    try {
      front = parse(match[1] ?? "");
    } catch {
      continue;
    }
    if (!isRecord(front)) continue;
    for (const [pkg, bump] of Object.entries(front)) {
      if (bump !== "major" && bump !== "minor" && bump !== "patch") continue;
      out.set(pkg, [...(out.get(pkg) ?? []), { bump, file: `.changeset/${name}` }]);
    }
  }
  return out;
}

async function workspaceVersion(root: string, id: string, packageName: string): Promise<string | undefined> {
  try {
    const pkg = JSON.parse(await readFile(join(root, "packages", id, "package.json"), "utf8")) as { name?: string; version?: string };
    return pkg.name === packageName && typeof pkg.version === "string" ? pkg.version : undefined;
  } catch {
    return undefined;
  }
}
