import type { PackageManifest } from "@modelfleet/package-checks";

/** The part of package-lock.json (v3) read here. */
export interface Lockfile {
  packages: Record<string, { version?: string; dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> }>;
}

/**
 * Names of every package an install of `name` should bring: its dependencies and theirs, read from the workspace
 * manifests for our own packages and from the lockfile for third-party ones. Dev dependencies never count.
 */
export function expectedInstall(name: string, workspaces: ReadonlyMap<string, PackageManifest>, lock: Lockfile): Set<string> {
  const seen = new Set<string>();
  const queue = [name];
  while (queue.length > 0) {
    const next = queue.shift() as string;
    if (seen.has(next)) continue;
    seen.add(next);
    const own = workspaces.get(next);
    const entry = own ? undefined : lock.packages[`node_modules/${next}`];
    if (!own && !entry) throw new Error(`${next} is neither a workspace nor in package-lock.json`);
    const deps = own ? { ...own.dependencies, ...own.optionalDependencies } : { ...entry?.dependencies, ...entry?.optionalDependencies };
    queue.push(...Object.keys(deps));
  }
  return seen;
}

/** The tree `npm ls --all --json` prints, reduced to what is read here. */
export interface NpmLsTree {
  dependencies?: Record<string, { version?: string; dependencies?: NpmLsTree["dependencies"] }>;
}

/** Every installed package as `name@version`, once each, sorted. */
export function installedPackages(tree: NpmLsTree): string[] {
  const found = new Set<string>();
  const walk = (deps: NpmLsTree["dependencies"]) => {
    for (const [name, node] of Object.entries(deps ?? {})) {
      found.add(`${name}@${node.version ?? "?"}`);
      walk(node.dependencies);
    }
  };
  walk(tree.dependencies);
  return [...found].sort();
}

/** `name@version` -> `name`, also for scoped names. */
export function nameOf(spec: string): string {
  return spec.slice(0, spec.lastIndexOf("@"));
}
