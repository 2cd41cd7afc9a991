// Shared by every library package; see the repository root.
export { default } from "../../tsup.package.js";
