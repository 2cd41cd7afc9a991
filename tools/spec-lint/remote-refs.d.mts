/** A `$ref` with a scheme, where it was found. */
export interface RemoteRef {
  /** Relative to the root passed in. */
  file: string;
  pointer: string;
  ref: string;
}

/** Every `$ref` with a scheme in `files` (relative to `root`) or in the local files they reference. */
export function findRemoteRefs(files: readonly string[], root: string): RemoteRef[];
