import type { Diagnostic } from "../diagnostics.js";

/** A provider id: lower-case words of letters and digits joined by single dashes (it becomes a package name, a folder and script arguments). */
const PACKAGE_ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/** The diagnostic for a spec file whose stem cannot be a package id (so no shell metacharacter reaches package.json). */
export function checkPackageId(id: string, file: string): Diagnostic | undefined {
  if (PACKAGE_ID.test(id) && id.length <= 64) return undefined;
  return {
    severity: "error",
    code: "spec/bad-package-id",
    message: `the spec's file name ${JSON.stringify(id)} cannot be a package id: lower-case letters, digits and single dashes, starting with a letter`,
    file,
    help: "rename the spec file, e.g. specs/acme.yaml or specs/acme-cloud.yaml",
  };
}
