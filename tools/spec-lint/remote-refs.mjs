// Redocly's CLI follows every `$ref`, fetching `http:` and `https:` ones over the network. Our generator refuses
// those (specs/README.md, "Sharing schemas between specs"), and `npm run lint:specs` must not fetch anything either:
// this walk finds them first, in the specs and in every file they reference, so the lint can stop before Redocly runs.
import { existsSync, readFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { parse } from "yaml";

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * Every `$ref` with a scheme (`http:`, `https:`, `file:`…) in `files` or in the local files they reference, each as
 * `{ file, pointer, ref }` with `file` relative to `root`. Files that cannot be read or parsed are left to the lint.
 */
export function findRemoteRefs(files, root) {
  const found = [];
  const seen = new Set();
  const queue = files.map((file) => resolve(root, file));
  while (queue.length) {
    const file = queue.shift();
    if (seen.has(file) || !existsSync(file)) continue;
    seen.add(file);
    let document;
    try {
      document = parse(readFileSync(file, "utf8"), { maxAliasCount: 100 });
    } catch {
      continue;
    }
    const stack = [{ node: document, path: [] }];
    while (stack.length) {
      const { node, path } = stack.pop();
      if (typeof node !== "object" || node === null) continue;
      for (const [key, child] of Object.entries(node)) {
        if (key === "$ref" && typeof child === "string") {
          if (SCHEME.test(child)) found.push({ file: relative(root, file), pointer: pointerOf(path), ref: child });
          else if (!child.startsWith("#")) queue.push(resolve(dirname(file), decoded(child.split("#")[0] ?? "")));
        } else stack.push({ node: child, path: [...path, key] });
      }
    }
  }
  return found.sort((a, b) => a.file.localeCompare(b.file) || a.pointer.localeCompare(b.pointer));
}

function decoded(path) {
  try {
    return decodeURI(path);
  } catch {
    return path;
  }
}

function pointerOf(path) {
  return `#/${path.map((p) => String(p).replace(/~/g, "~0").replace(/\//g, "~1")).join("/")}`;
}
