import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import type { ClientShape, ClientShapes } from "./client-shape.js";
import { isTool, type PackageManifest } from "./workspaces.js";

/** The HTTP layer every client is built on; provider budgets count only what comes on top of it. */
export const BASE_LIBRARY = "openapi-fetch";

/**
 * The size rules, in bytes of minified, gzipped ESM. Every limit is computed from what a bundle holds (a client's
 * operations and whether it pages, the number of providers in a fleet), never from the bytes measured last: adding a
 * provider or an operation moves the limit by the rule, so a new provider passes when it is as lean as the others.
 * Each constant is the largest measured cost of its part (see bench/README.md#package-size) with a margin of about
 * 3%. Targets are the release issue's: 4 kB per client on top of openapi-fetch, 12 kB for a fleet; the code is over
 * both, so the limits stop growth while the runtime and facade are slimmed: lower them as the numbers come down.
 */
export const SIZE_RULES = {
  /** A provider client on top of openapi-fetch: the runtime's share (its hardening, errors, key scrubbing) and the client's core (largest measured: 7712 B for DeepInfra's client with its operations). */
  client: 7_700,
  /** Each operation: its entry in the operations table and its method (measured 20–30 B). */
  perOperation: 30,
  /** The runtime's paginator (loop guards, `PaginationError`, the `Link` header reader) and the iterators, in a paged client (measured 1.7 kB). */
  paginator: 1_800,
  /** The facade alone, with the runtime and openapi-fetch: the fleet object, references, plan/apply, waitFor, the lifecycle verbs, the cost report with exact money (measured 16.5 kB). */
  facade: 17_000,
  /** `createFleet` with one provider's `./fleet` adapter, whose lists are whole (measured 23.0–24.1 kB with the cost report and the adapter's price/usage reads). */
  fleetWithOne: 24_900,
  /** Each further provider in `modelfleet/all`: its operations table, adapter and normalizers (measured 0.8–1.7 kB; `modelfleet/all` with nine was 36.3 kB). */
  perFurtherProvider: 1_350,
  /** `modelfleet/fleet-file` for Node: the YAML parser and the validator compiled from fleet.schema.json, price tables included (measured 47.0 kB). */
  fleetFile: 48_400,
  /** The client and fleet targets. */
  clientTarget: 4_000,
  fleetTarget: 12_000,
} as const;

/** Where the rules live, for the message of a bundle over its limit. */
const RULES_AT = "SIZE_RULES and budgetFor() in tools/package-checks/src/size.ts";

/** How a package's bundle size is judged. Limits are in bytes of minified, gzipped ESM (1 kB = 1000 B). */
export interface SizeBudget {
  /** What the limit applies to: the bytes added on top of openapi-fetch, or the whole bundle. */
  measure: "added" | "total";
  /** Enforced: over this fails the package's checks. Undefined: measured and reported only. */
  limit?: number;
  /** How the limit was computed, e.g. `7400 B + 8 operations × 30 B`. */
  rule?: string;
  /** The goal, when the enforced limit is still above it; being over it is reported, not failed. */
  target?: number;
  description: string;
  /** Further bundles an app would make of this package with others (the facade with its providers), each judged on its total. */
  bundles?: BundleBudget[];
}

/** A bundle of several entries together, as an app importing them would get it; judged on its whole gzipped size. */
export interface BundleBudget {
  /** What the bundle is, e.g. `createFleet + @modelfleet/sieve/fleet`. */
  label: string;
  /** The ESM module bundled (its imports resolved from the package's directory). */
  contents: string;
  limit?: number;
  /** How the limit was computed. */
  rule?: string;
  target?: number;
  /** `node` for an entry that reads files (Node's built-in modules are left out); default `browser`. */
  platform?: "browser" | "node";
}

/** The limit of a client with `shape`, and how it was computed. */
export function clientLimit(shape: ClientShape): { limit: number; rule: string } {
  const r = SIZE_RULES;
  const limit = r.client + shape.operations * r.perOperation + (shape.paged ? r.paginator : 0);
  const rule = `${r.client} B + ${shape.operations} operations × ${r.perOperation} B${shape.paged ? ` + ${r.paginator} B paginator` : ""}`;
  return { limit, rule };
}

/** The limit of a fleet bundle of `providers` (their client shapes), and how it was computed. */
export function fleetLimit(providers: readonly ClientShape[]): { limit: number; rule: string } {
  const r = SIZE_RULES;
  const paged = providers.some((p) => p.paged);
  const further = Math.max(0, providers.length - 1);
  const limit = r.fleetWithOne + (paged ? r.paginator : 0) + further * r.perFurtherProvider;
  const parts = [
    `${r.fleetWithOne} B`,
    ...(paged ? [`${r.paginator} B paginator`] : []),
    ...(further ? [`${further} more providers × ${r.perFurtherProvider} B`] : []),
  ];
  return { limit, rule: parts.join(" + ") };
}

/**
 * The budget of a publishable package, by what it is; `shapes` gives the client shape of a provider package (see
 * `clientShapesFrom`). Every library must match a rule, so a new kind of package fails here until someone decides
 * its budget.
 */
export function budgetFor(manifest: PackageManifest, shapes: ClientShapes): SizeBudget | undefined {
  if (isTool(manifest)) return undefined;
  if (manifest.name === "modelfleet") {
    const providers = Object.keys(manifest.dependencies ?? {}).filter(
      (name) => name.startsWith("@modelfleet/") && name !== "@modelfleet/runtime",
    );
    const shapeOf = (name: string): ClientShape => {
      const shape = shapes(name);
      if (!shape) throw new Error(`${name}: no src/generated/provider.ts to size its fleet bundle by (${RULES_AT})`);
      return shape;
    };
    return {
      measure: "total",
      limit: SIZE_RULES.facade,
      rule: `${SIZE_RULES.facade} B`,
      description: "the facade without providers, with the runtime and openapi-fetch",
      bundles: [
        ...providers.map((name) => ({
          label: `createFleet + ${name}/fleet`,
          contents: `export { createFleet } from "modelfleet"; export * from "${name}/fleet";`,
          ...fleetLimit([shapeOf(name)]),
          target: SIZE_RULES.fleetTarget,
        })),
        {
          label: "modelfleet/all",
          contents: 'export * from "modelfleet/all";',
          ...fleetLimit(providers.map(shapeOf)),
          target: SIZE_RULES.fleetTarget,
        },
        {
          label: "modelfleet/fleet-file",
          contents: 'export * from "modelfleet/fleet-file";',
          limit: SIZE_RULES.fleetFile,
          rule: `${SIZE_RULES.fleetFile} B`,
          platform: "node",
        },
      ],
    };
  }
  if (manifest.name === "@modelfleet/runtime")
    return { measure: "added", description: "the shared runtime (reported, no budget of its own)" };
  if (manifest.dependencies?.["@modelfleet/runtime"] !== undefined) {
    const shape = shapes(manifest.name);
    if (!shape)
      throw new Error(
        `${manifest.name} has no src/generated/provider.ts to size it by: add a rule to budgetFor() in tools/package-checks/src/size.ts`,
      );
    return {
      measure: "added",
      ...clientLimit(shape),
      target: SIZE_RULES.clientTarget,
      description: `one provider client (${shape.operations} operations${shape.paged ? ", paged listings" : ""}) with the runtime bundled`,
    };
  }
  throw new Error(`${manifest.name} has no size budget rule: add one to budgetFor() in tools/package-checks/src/size.ts`);
}

/** Bytes of one bundle. */
export interface BundleSize {
  minified: number;
  gzipped: number;
}

/** Sizes of one package's ESM entry bundled the way an app would (browser platform, minified, tree-shaken). */
export interface SizeReport {
  /** The package with everything it imports, openapi-fetch included. */
  total: BundleSize;
  /** openapi-fetch on its own. */
  base: BundleSize;
  /** The package with openapi-fetch left out of the bundle. */
  own: BundleSize;
  /** What the package adds to an app that already has openapi-fetch: `total - base`, gzipped. */
  added: number;
}

/** The ESM entry a bundler would pick for the package root. */
export function esmEntry(manifest: PackageManifest): string {
  const root = (manifest.exports as Record<string, unknown> | undefined)?.["."];
  const pick = (node: unknown): string | undefined => {
    if (typeof node === "string") return node;
    if (node && typeof node === "object") {
      const conditions = node as Record<string, unknown>;
      return pick(conditions.import) ?? pick(conditions.default);
    }
    return undefined;
  };
  const entry = pick(root) ?? manifest.module ?? manifest.main;
  if (!entry) throw new Error(`${manifest.name} has no ESM entry point`);
  return entry.startsWith(".") ? entry : `./${entry}`;
}

async function bundle(
  contents: string,
  resolveDir: string,
  external: string[],
  platform: "browser" | "node" = "browser",
): Promise<BundleSize> {
  const result = await build({
    stdin: { contents, resolveDir, loader: "js", sourcefile: "size-entry.js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform,
    target: "es2022",
    legalComments: "none",
    external,
    write: false,
    logLevel: "silent",
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error("esbuild produced no output");
  return { minified: output.contents.byteLength, gzipped: gzipSync(output.contents, { level: 9 }).byteLength };
}

/** Bundles the package in `dir` (its built ESM entry) three ways; deterministic for a given esbuild and zlib. */
export async function measure(dir: string, manifest: PackageManifest): Promise<SizeReport> {
  const entry = JSON.stringify(esmEntry(manifest));
  const reexport = `export * from ${entry};`;
  const [total, base, own] = await Promise.all([
    bundle(reexport, dir, []),
    bundle(`export * from "${BASE_LIBRARY}"; export { default } from "${BASE_LIBRARY}";`, dir, []),
    bundle(reexport, dir, [BASE_LIBRARY]),
  ]);
  return { total, base, own, added: total.gzipped - base.gzipped };
}

/** The enforced number for a budget. */
export function measured(budget: SizeBudget, report: SizeReport): number {
  return budget.measure === "total" ? report.total.gzipped : report.added;
}

/** A problem if the package is over its enforced limit. */
export function checkSize(budget: SizeBudget, report: SizeReport): string[] {
  const value = measured(budget, report);
  if (budget.limit === undefined || value <= budget.limit) return [];
  return [
    `${budget.description}: ${value} B gzipped ${budget.measure === "added" ? `on top of ${BASE_LIBRARY} ` : ""}is over the ${budget.limit} B limit${overHint(budget.rule)}`,
  ];
}

/** What to do about a bundle over its limit: the rule it was computed by, and where that rule is. */
function overHint(rule: string | undefined): string {
  return ` (${rule === undefined ? "" : `${rule}; `}make the bundle smaller, or change the rule, with the reason, in ${RULES_AT})`;
}

/** One line for logs. */
export function formatSize(budget: SizeBudget, report: SizeReport): string {
  const value = measured(budget, report);
  const limit = budget.limit === undefined ? "no limit" : `limit ${budget.limit} B`;
  const target =
    budget.target === undefined
      ? ""
      : value > budget.target
        ? `, ${value - budget.target} B over the ${budget.target} B target`
        : `, within the ${budget.target} B target`;
  const what = budget.measure === "added" ? `on top of ${BASE_LIBRARY}` : "in all";
  return `${value} B gzipped ${what} (${limit}${target}); whole bundle ${report.total.gzipped} B gzipped / ${report.total.minified} B minified, ${BASE_LIBRARY} alone ${report.base.gzipped} B gzipped`;
}

/** The gzipped size of each of `bundles`, bundled from `dir` like an app would. */
export async function measureBundles(
  dir: string,
  bundles: readonly BundleBudget[],
): Promise<Array<{ bundle: BundleBudget; size: BundleSize }>> {
  return Promise.all(bundles.map(async (budget) => ({ bundle: budget, size: await bundle(budget.contents, dir, [], budget.platform) })));
}

/** Problems for bundles over their limit. */
export function checkBundles(measured: ReadonlyArray<{ bundle: BundleBudget; size: BundleSize }>): string[] {
  return measured.flatMap(({ bundle, size }) =>
    bundle.limit !== undefined && size.gzipped > bundle.limit
      ? [`${bundle.label}: ${size.gzipped} B gzipped is over the ${bundle.limit} B limit${overHint(bundle.rule)}`]
      : [],
  );
}

/** One line per bundle, for logs. */
export function formatBundles(measured: ReadonlyArray<{ bundle: BundleBudget; size: BundleSize }>): string[] {
  return measured.map(({ bundle, size }) => {
    const limit = bundle.limit === undefined ? "no limit" : `limit ${bundle.limit} B`;
    const target =
      bundle.target === undefined
        ? ""
        : size.gzipped > bundle.target
          ? `, ${size.gzipped - bundle.target} B over the ${bundle.target} B target`
          : `, within the ${bundle.target} B target`;
    return `${bundle.label}: ${size.gzipped} B gzipped / ${size.minified} B minified (${limit}${target})`;
  });
}
