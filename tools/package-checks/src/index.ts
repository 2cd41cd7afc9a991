export { type ClientShape, type ClientShapes, clientShapesFrom, readClientShape } from "./client-shape.js";
export { checkDeclaredDependencies, findImports, type ImportScan, type ImportSite, packageOf } from "./declared-deps.js";
export { checkManifest, PROVENANCE_NOTE } from "./manifest.js";
export { checkPackedFiles, copyPacked, entryPoints, npmPack, type Packed } from "./pack.js";
export { budgetFor, SIZE_RULES, type SizeBudget } from "./size.js";
export { findRepoRoot, isTool, listPublishable, listWorkspaces, type PackageManifest, readManifest, type Workspace } from "./workspaces.js";
