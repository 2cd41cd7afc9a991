#!/usr/bin/env node
// `npm run size`: the size of every publishable library as a Markdown table (for bench/README.md), after a build.
import { clientShapesFrom } from "./client-shape.js";
import { budgetFor, measure, measureBundles, measured } from "./size.js";
import { findRepoRoot, listPublishable } from "./workspaces.js";

const root = await findRepoRoot(process.cwd());
const rows = [
  "| package | measured | gzipped | enforced limit | target | whole bundle, gzipped / minified |",
  "| --- | --- | --: | --: | --: | --: |",
];
let over = false;
for (const workspace of await listPublishable(root)) {
  const budget = budgetFor(workspace.manifest, clientShapesFrom(workspace.dir, workspace.manifest.name));
  if (!budget) continue;
  const report = await measure(workspace.dir, workspace.manifest);
  const value = measured(budget, report);
  if (budget.limit !== undefined && value > budget.limit) over = true;
  const what = budget.measure === "added" ? "on top of openapi-fetch" : "everything, openapi-fetch included";
  const limit = budget.limit === undefined ? "none" : `${budget.limit} B`;
  const goal = budget.target ?? budget.limit;
  const target = goal === undefined ? "none" : `${goal} B`;
  rows.push(
    `| \`${workspace.manifest.name}\` | ${what} | ${value} B | ${limit} | ${target} | ${report.total.gzipped} B / ${report.total.minified} B |`,
  );
  for (const { bundle, size } of await measureBundles(workspace.dir, budget.bundles ?? [])) {
    if (bundle.limit !== undefined && size.gzipped > bundle.limit) over = true;
    const bundleLimit = bundle.limit === undefined ? "none" : `${bundle.limit} B`;
    const bundleTarget = bundle.target === undefined ? bundleLimit : `${bundle.target} B`;
    rows.push(
      `| \`${bundle.label}\` | everything, openapi-fetch included | ${size.gzipped} B | ${bundleLimit} | ${bundleTarget} | ${size.gzipped} B / ${size.minified} B |`,
    );
  }
}
process.stdout.write(`${rows.join("\n")}\n`);
process.exitCode = over ? 1 : 0;
