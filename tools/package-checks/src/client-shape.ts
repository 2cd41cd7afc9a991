import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/** What a provider client's size depends on, read from its generated operations table. */
export interface ClientShape {
  /** Operations the client has (one entry each in `src/generated/provider.ts`). */
  operations: number;
  /** Whether any of them pages (its spec declares `x-modelfleet-pagination`), which bundles the runtime's paginator. */
  paged: boolean;
}

/** Looks up the shape of a provider client by package name; undefined for a package that is not one. */
export type ClientShapes = (name: string) => ClientShape | undefined;

/** The shape of the generated client in `packageDir`, or undefined when it has no `src/generated/provider.ts`. */
export function readClientShape(packageDir: string): ClientShape | undefined {
  let table: string;
  try {
    table = readFileSync(join(packageDir, "src", "generated", "provider.ts"), "utf8");
  } catch {
    return undefined;
  }
  return { operations: table.match(/"operationId":/g)?.length ?? 0, paged: /"pagination":\{/.test(table) };
}

/**
 * Client shapes of packages as `dir`'s package resolves them (a workspace's `node_modules` links to its source
 * directory, where `src/generated/` is), the package in `dir` itself included.
 */
export function clientShapesFrom(dir: string, ownName?: string): ClientShapes {
  const require = createRequire(join(dir, "package.json"));
  return (name) => {
    if (name === ownName) return readClientShape(dir);
    try {
      return readClientShape(dirname(require.resolve(`${name}/package.json`)));
    } catch {
      return undefined;
    }
  };
}
