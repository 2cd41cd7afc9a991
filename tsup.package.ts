import { readFileSync } from "node:fs";
import { defineConfig } from "tsup";

/**
 * One entry per subpath the package exports: `.` is `src/index.ts`, `./fleet` is `src/fleet.ts` (a provider's fleet
 * adapter, or the runtime's fleet contract), `./all` is `src/all.ts`. Read from `exports`, so the manifest is the
 * one place a subpath is declared.
 */
function entries(): string[] {
  const manifest = JSON.parse(readFileSync("package.json", "utf8")) as { exports?: Record<string, unknown> };
  return (
    Object.keys(manifest.exports ?? { ".": null })
      // A subpath naming a file (`./package.json`, a published JSON Schema) is no code entry.
      .filter((subpath) => !subpath.endsWith(".json"))
      .map((subpath) => (subpath === "." ? "src/index.ts" : `src/${subpath.slice(2)}.ts`))
  );
}

/** The build of every published library package: ESM and CommonJS, declarations for both, one file per exported subpath. */
export default defineConfig({
  entry: entries(),
  format: ["esm", "cjs"],
  dts: true,
  clean: true,
  target: "es2022",
});
