// Stage 2, build: `npm run build` cold (empty turbo cache, no dist/), warm (every task a cache hit) and with one
// spec's content changed. Runs in this checkout with a private turbo cache folder, so neither the shared turbo
// cache nor the working tree is left changed: the touched spec and its generated files are restored afterwards.
import { writeFileSync } from "node:fs";
import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ratio, secs, table } from "../lib/format.mjs";
import { freshWorkDir, repoRoot } from "../lib/paths.mjs";
import { timedOk } from "../lib/proc.mjs";
import { summarize } from "../lib/stats.mjs";

export const id = "build";
export const title = "Build";

/** The spec whose content the "one spec touched" run changes. */
const TOUCHED = "opper";

export async function run(ctx) {
  const cacheDir = await freshWorkDir("build/turbo-cache");
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const build = async () => {
    const r = await timedOk(npm, ["run", "build", "--", `--cache-dir=${cacheDir}`], { cwd: repoRoot });
    return { ms: r.ms, ...cacheStats(r.stdout) };
  };

  const specFile = join(repoRoot, "specs", `${TOUCHED}.yaml`);
  const generatedDir = join(repoRoot, "packages", TOUCHED, "src", "generated");
  const originalSpec = await readFile(specFile, "utf8");
  const originalGenerated = await snapshot(generatedDir);
  let cold;
  let touched;
  const warmRuns = [];
  // An interrupted run must not leave the spec changed.
  const onSignal = () => {
    writeFileSync(specFile, originalSpec);
    for (const [name, content] of Object.entries(originalGenerated)) writeFileSync(join(generatedDir, name), content);
    process.exit(130);
  };
  process.once("SIGINT", onSignal);
  try {
    // Cold: what a fresh clone pays after `npm ci`: no turbo cache, no dist/.
    await removeDists();
    ctx.log("  cold build");
    cold = await build();
    for (let i = 0; i < (ctx.quick ? 2 : 3); i++) warmRuns.push(await build());
    ctx.log("  warm builds done");
    // A content change (a comment): the spec's hash, and so its generated header, change.
    await writeFile(specFile, `${originalSpec}# bench: content change ${Date.now()}\n`);
    ctx.log(`  build with specs/${TOUCHED}.yaml changed`);
    touched = await build();
  } finally {
    process.off("SIGINT", onSignal);
    await writeFile(specFile, originalSpec);
    await restore(generatedDir, originalGenerated);
    // Puts dist/ back as built from the committed spec (a cache hit from the cold run).
    await build();
    await rm(cacheDir, { recursive: true, force: true });
  }

  const warm = summarize(warmRuns.map((r) => r.ms));
  const dependents = await builtDependents(`@modelfleet/${TOUCHED}`);
  const expectedTouched = 2 + dependents.length;
  const warmAllCached = warmRuns.every((r) => r.cached === r.total);
  return {
    touchedSpec: `specs/${TOUCHED}.yaml`,
    cold,
    warm: { ...warm, allCached: warmAllCached, cached: warmRuns[0]?.cached, total: warmRuns[0]?.total },
    touched,
    ratios: { warmVsCold: warm.median / cold.ms, touchedVsCold: touched.ms / cold.ms },
    targets: [
      {
        name: "build: warm run is a full turbo cache hit",
        value: `${warmRuns[0]?.cached}/${warmRuns[0]?.total} cached`,
        goal: "all cached",
        met: warmAllCached,
      },
      {
        name: `build: one spec touched re-runs only its package's generate and build and the builds of packages depending on it`,
        value: `${touched.total - touched.cached} of ${touched.total} tasks ran`,
        goal: `${expectedTouched} tasks ran (generate and build of @modelfleet/${TOUCHED}, then ${dependents.join(", ") || "nothing else"})`,
        met: touched.total - touched.cached === expectedTouched,
      },
    ],
  };
}

/** Workspaces with a build script that depend on `name`, directly or through another workspace. */
async function builtDependents(name) {
  const manifests = [];
  for (const group of ["packages", "tools"]) {
    for (const dir of await readdir(join(repoRoot, group)).catch(() => [])) {
      const text = await readFile(join(repoRoot, group, dir, "package.json"), "utf8").catch(() => null);
      if (text) manifests.push(JSON.parse(text));
    }
  }
  const found = new Set();
  const visit = (target) => {
    for (const m of manifests) {
      if (found.has(m.name) || !Object.hasOwn(m.dependencies ?? {}, target)) continue;
      found.add(m.name);
      visit(m.name);
    }
  };
  visit(name);
  return manifests.filter((m) => found.has(m.name) && m.scripts?.build).map((m) => m.name);
}

/** Reads turbo's "Cached: N cached, M total" summary line. */
function cacheStats(stdout) {
  const m = /Cached:\s+(\d+) cached, (\d+) total/.exec(stdout);
  return m ? { cached: Number(m[1]), total: Number(m[2]) } : { cached: null, total: null };
}

async function removeDists() {
  for (const group of ["packages", "tools"]) {
    const names = await readdir(join(repoRoot, group)).catch(() => []);
    for (const name of names) await rm(join(repoRoot, group, name, "dist"), { recursive: true, force: true });
  }
}

async function snapshot(dir) {
  const files = {};
  for (const name of await readdir(dir)) files[name] = await readFile(join(dir, name));
  return files;
}

async function restore(dir, files) {
  for (const name of await readdir(dir)) if (!(name in files)) await rm(join(dir, name), { force: true });
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
}

export function render(r) {
  const lines = [];
  lines.push(
    ...table(
      ["run", "wall time", "ratio to cold", "turbo tasks cached"],
      [
        ["cold: empty turbo cache, no `dist/`", secs(r.cold.ms), "1.00×", `${r.cold.cached}/${r.cold.total}`],
        [
          `warm: nothing changed (median of ${r.warm.n})`,
          secs(r.warm.median),
          ratio(r.ratios.warmVsCold),
          `${r.warm.cached}/${r.warm.total}`,
        ],
        [
          `one spec touched: \`${r.touchedSpec}\` content changed`,
          secs(r.touched.ms),
          ratio(r.ratios.touchedVsCold),
          `${r.touched.cached}/${r.touched.total}`,
        ],
      ],
    ),
    "",
    "`npm run build -- --cache-dir=<private folder>` in this checkout (the private folder keeps the runs independent of any " +
      "existing turbo cache). Cold also deletes every `dist/`. The touched run changes the spec's content (appends a comment), " +
      "so that package's `generate` and `build` and the facade's `build` re-run; the spec and its generated files are restored afterwards. " +
      `Warm runs: ${r.warm.samples.map((ms) => secs(ms)).join(", ")}.`,
    "",
  );
  return lines;
}
