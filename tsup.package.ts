import { existsSync } from "node:fs";
import { defineConfig } from "tsup";

/**
 * Subpath entries a package may have besides its root, each built when its source file exists: `./fleet` (a provider
 * package's fleet adapter, or the runtime's fleet contract) and `./all` (the facade with every built-in provider).
 */
const SUBPATHS = ["fleet", "all"] as const;

/** The build of every published library package: ESM and CommonJS, declarations for both, one file per entry. */
export default defineConfig({
  entry: ["src/index.ts", ...SUBPATHS.map((name) => `src/${name}.ts`).filter((file) => existsSync(file))],
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  target: "es2022",
});
