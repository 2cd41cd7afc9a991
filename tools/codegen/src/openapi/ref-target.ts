import { dirname, isAbsolute, join, normalize, relative, resolve } from "node:path";

/** Where a `$ref` that is not local (`#/...`) points, or why it may not be followed. */
export type RefTarget =
  | { kind: "file"; absolutePath: string; shown: string; pointer: string }
  | { kind: "refused"; code: string; message: string; help: string };

const COPY_HELP = "copy the schema into a file inside the repository and reference it with a relative path";

/**
 * Reads a `$ref` found in the file at `from` (shown in diagnostics as `fromShown`): a file path relative to that file's
 * folder, with an optional `#/pointer`. A ref with a scheme (`http:`, `file:`) is refused: generation never touches the
 * network. So is a path leaving the repository root (judged on the path as written here; symbolic links are judged on
 * their real path when the file is read), and an absolute path, which would tie the spec to one machine.
 */
export function refTarget(ref: string, from: string, fromShown: string, root: string): RefTarget {
  if (/^[a-z][a-z0-9+.-]*:/i.test(ref)) {
    return {
      kind: "refused",
      code: "spec/remote-ref",
      message: `$ref ${JSON.stringify(ref)} points outside the repository (${ref.split(":")[0]}:); generation never fetches anything`,
      help: COPY_HELP,
    };
  }
  const hash = ref.indexOf("#");
  const rawPath = hash === -1 ? ref : ref.slice(0, hash);
  const pointer = hash === -1 ? "#" : ref.slice(hash) || "#";
  let path: string;
  try {
    path = decodeURI(rawPath);
  } catch {
    path = rawPath;
  }
  const absolutePath = resolve(dirname(from), path);
  const fromRoot = relative(root, absolutePath);
  if (fromRoot.startsWith("..") || isAbsolute(fromRoot)) {
    return {
      kind: "refused",
      code: "spec/ref-outside-repository",
      message: `$ref ${JSON.stringify(ref)} points at a file outside the repository`,
      help: COPY_HELP,
    };
  }
  if (isAbsolute(path)) {
    return {
      kind: "refused",
      code: "spec/absolute-ref",
      message: `$ref ${JSON.stringify(ref)} is an absolute path`,
      help: `write it relative to this file: ${JSON.stringify(relative(dirname(from), absolutePath).split("\\").join("/"))}`,
    };
  }
  return { kind: "file", absolutePath, shown: normalize(join(dirname(fromShown), path)), pointer };
}

/** The path of a file relative to the repository root, with forward slashes: how cache entries and headers name it. */
export function repoPath(root: string, absolutePath: string): string {
  return relative(root, absolutePath).split("\\").join("/");
}
