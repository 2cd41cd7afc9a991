import { isTool, type PackageManifest } from "./workspaces.js";

/** Why provenance is never in publishConfig; the release job turns it on through the environment instead. */
export const PROVENANCE_NOTE =
  "publishConfig.provenance makes every publish outside a CI provider with OIDC fail (EUSAGE), the local-registry e2e included, and no flag changeset publish passes can turn it off; the release job sets NPM_CONFIG_PROVENANCE=true instead";

/** Rules for the package.json of a publishable package. */
export function checkManifest(manifest: PackageManifest): string[] {
  const problems: string[] = [];
  if (manifest.publishConfig?.access !== "public")
    problems.push('publishConfig.access must be "public" (scoped packages are private on npm by default)');
  if (manifest.publishConfig?.provenance !== undefined) problems.push(`remove publishConfig.provenance: ${PROVENANCE_NOTE}`);
  if (!Array.isArray(manifest.files) || manifest.files.length === 0)
    problems.push('"files" must list what ships (an allowlist, normally ["dist"])');
  if (isTool(manifest)) return problems;
  const root = (manifest.exports as Record<string, unknown> | undefined)?.["."] as Record<string, unknown> | undefined;
  for (const condition of ["import", "require"] as const) {
    const target = root?.[condition] as Record<string, unknown> | undefined;
    if (!target || typeof target.types !== "string" || typeof target.default !== "string") {
      problems.push(
        `exports["."].${condition} must give "types" and "default": libraries ship ESM and CommonJS, each with its own declarations`,
      );
    }
  }
  return problems;
}
