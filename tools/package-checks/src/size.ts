import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { isTool, type PackageManifest } from "./workspaces.js";

/** The HTTP layer every client is built on; provider budgets count only what comes on top of it. */
export const BASE_LIBRARY = "openapi-fetch";

/** Enforced limits of the facade's bundles with providers (see `budgetFor`), in bytes gzipped. */
export const FACADE_WITH_ONE_PROVIDER_LIMIT = 24_700;
export const FACADE_WITH_ALL_LIMIT = 35_400;
/** The fleet file reader (YAML parser and the compiled JSON Schema validator included), outside the facade's main entry. */
export const FLEET_FILE_LIMIT = 46_950;

/** Provider clients whose spec declares a paginated operation, so their bundle carries the runtime's paginator. */
const PAGED_CLIENTS = new Set(["@modelfleet/sieve", "@modelfleet/modzy", "@modelfleet/opper-v2", "@modelfleet/replicate"]);

/** How a package's bundle size is judged. Limits are in bytes of minified, gzipped ESM (1 kB = 1000 B). */
export interface SizeBudget {
  /** What the limit applies to: the bytes added on top of openapi-fetch, or the whole bundle. */
  measure: "added" | "total";
  /** Enforced: over this fails the package's checks. Undefined: measured and reported only. */
  limit?: number;
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
  target?: number;
  /** `node` for an entry that reads files (Node's built-in modules are left out); default `browser`. */
  platform?: "browser" | "node";
}

/**
 * The budget of a publishable package, by what it is. Every library must match a rule, so a new kind of package
 * fails here until someone decides its budget.
 */
export function budgetFor(manifest: PackageManifest): SizeBudget | undefined {
  if (isTool(manifest)) return undefined;
  // Targets are the release issue's: 4 kB per provider on top of openapi-fetch, 12 kB for a fleet. The code is over
  // both, so the enforced limits are ratchets just above the sizes measured last: they stop growth and keep CI green
  // while the runtime and facade are slimmed. Lower them as the numbers come down; at the target, the limit becomes
  // the target. The facade bundles no provider: its own entry is measured alone, and so are the bundles an app really
  // makes, `createFleet` with one provider's `./fleet` adapter and `modelfleet/all`. What moved them, in order: the
  // split into provider adapters (all-in facade 14786 B → one-provider fleets up to 12636 B), non-JSON bodies (about
  // 150 B a client), the runtime's hardening (redirect policy, response size limit, key scrubbing, plain error
  // classes: about 1.3 kB a bundle) and the listing checks (PaginationError, UnusableItemError: about 0.5 kB), and each
  // further provider's operations table, adapter and normalizers in `modelfleet/all` (0.8–1.7 kB each). Last
  // measured: largest provider client 7050 B (Baseten apart, below), facade alone 7768 B, largest one-provider fleet
  // 15117 B, `modelfleet/all` with nine providers 22951 B.
  // The desired-state engine (plan, apply, waitFor, the lifecycle verbs) is part of the fleet object, so it is in
  // every bundle (about 3.9 kB): facade alone 11664 B, largest one-provider fleet 18538 B, `modelfleet/all` 27180 B
  // (with Together's, Hugging Face's and Baseten's start/stop, Baseten's promote).
  // Fleet files (YAML parser, JSON Schema validator) stay in `modelfleet/fleet-file`, measured as a bundle of its own
  // (for Node: it reads files): 83544 B, nearly all of it the YAML parser and ajv.
  // Spec-declared paging: the generated `<op>Pages`/`<op>All` iterators and the runtime's paginator (its loop guards,
  // the one `PaginationError` with provider, operation, page and reason, the `Link` header reader) are in every client
  // whose spec declares a paged operation (`PAGED_CLIENTS`, about 1.7 kB: largest Modzy, 8899 B) and in their
  // one-provider fleets (largest Modzy's, 19914 B); the runtime's main entry exporting them costs every other client
  // about 170 B (largest DeepInfra, 7125 B). `modelfleet/all` with nine providers, four of them paged, and the later
  // providers' lifecycle verbs (Opper's rollback too): 28408 B;
  // `modelfleet/fleet-file`: 83638 B.
  // One abort listener per signal (no MaxListenersExceededWarning with many calls on one signal) costs every client
  // about 70 B; reading a listing's items one failure at a time (`readListedItems`, `ProviderFailure.item`, pages kept
  // after a paging failure) about 130 B more in the facade and its fleets: largest client Modzy 9337 B, facade alone
  // 11828 B, largest one-provider fleet Modzy's 20501 B, `modelfleet/all` 29059 B.
  // Cost (price catalogues, usage): each client's new operations (about 30-60 B gzipped each: largest DeepInfra 7528 B,
  // Modzy 9327 B, Baseten 7800 B with its 22 operations), and in every fleet the runtime's cost errors (their marker
  // getters keep the classes from being tree-shaken, about 220 B: facade alone 11922 B) plus each adapter's `price` /
  // `usage` with the exact-money module (largest one-provider fleet Sieve's, 21065 B; `modelfleet/all` 31978 B).
  // Cost (`fleet.cost`: the report's runner, windows, price tables, the runtime's exact money conversions and the
  // three cost errors in every fleet; each adapter's price and usage reads and its client's new operations): facade
  // alone 15777 B, largest one-provider fleet 24671 B (Modzy's), `modelfleet/all` 35338 B, `modelfleet/fleet-file`
  // 46922 B (price files and the schema's prices).
  if (manifest.name === "modelfleet") {
    const providers = Object.keys(manifest.dependencies ?? {}).filter(
      (name) => name.startsWith("@modelfleet/") && name !== "@modelfleet/runtime",
    );
    return {
      measure: "total",
      limit: 15_800,
      description: "the facade without providers, with the runtime and openapi-fetch",
      bundles: [
        ...providers.map((name) => ({
          label: `createFleet + ${name}/fleet`,
          contents: `export { createFleet } from "modelfleet"; export * from "${name}/fleet";`,
          limit: FACADE_WITH_ONE_PROVIDER_LIMIT,
          target: 12_000,
        })),
        { label: "modelfleet/all", contents: 'export * from "modelfleet/all";', limit: FACADE_WITH_ALL_LIMIT, target: 12_000 },
        { label: "modelfleet/fleet-file", contents: 'export * from "modelfleet/fleet-file";', limit: FLEET_FILE_LIMIT, platform: "node" },
      ],
    };
  }
  if (manifest.name === "@modelfleet/runtime")
    return { measure: "added", description: "the shared runtime (reported, no budget of its own)" };
  // Baseten's client had 20 operations, 9 of them the `development` / `production` shortcut paths its API offers next
  // to the by-id ones (about 60 B gzipped each): 7178 B, so a ratchet of its own just above that; 7345 B since the
  // runtime exports the paginator (Baseten's lists are whole), so 7400 B.
  if (manifest.name === "@modelfleet/baseten") {
    return { measure: "added", limit: 7_825, target: 4_000, description: "one provider client (22 operations) with the runtime bundled" };
  }
  if (PAGED_CLIENTS.has(manifest.name)) {
    return {
      measure: "added",
      limit: 9_350,
      target: 4_000,
      description: "one provider client with paged listings and the runtime bundled",
    };
  }
  if (manifest.dependencies?.["@modelfleet/runtime"] !== undefined) {
    return { measure: "added", limit: 7_575, target: 4_000, description: "one provider client with the runtime bundled" };
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
    `${budget.description}: ${value} B gzipped ${budget.measure === "added" ? `on top of ${BASE_LIBRARY} ` : ""}is over the ${budget.limit} B limit`,
  ];
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
      ? [`${bundle.label}: ${size.gzipped} B gzipped is over the ${bundle.limit} B limit`]
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
