import { dirname, isAbsolute, relative, resolve } from "node:path";
import type { Diagnostic } from "../diagnostics.js";
import { isRecord, type LoadedSpec, locate, pointerOf } from "./load.js";

/**
 * Which `$ref`s a bundled spec may hold, checked before the linter or openapi-typescript sees the document, so both
 * get the same answer: local refs (`#/...`) only. Refs to other files were replaced by local ones when the spec was
 * bundled (openapi/bundle.ts, which refuses remote refs and files outside the repository itself); one still here was
 * not seen by the bundler (a JSON key spelled with escapes) and is refused the same way rather than followed by
 * anyone. A chain of refs that comes back to itself is a cycle. Iterative, so a deeply nested spec cannot overflow.
 */
export function checkRefs(spec: LoadedSpec, root: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = (pointer: string, code: string, message: string, help: string): Diagnostic => ({
    severity: "error",
    code,
    message,
    file: spec.file,
    pointer,
    help,
    ...locate(spec, pointer),
  });
  const stack: Array<{ node: unknown; path: Array<string | number> }> = [{ node: spec.document, path: [] }];
  while (stack.length) {
    const { node, path } = stack.pop() as { node: unknown; path: Array<string | number> };
    if (Array.isArray(node)) {
      node.forEach((child, i) => {
        stack.push({ node: child, path: [...path, i] });
      });
      continue;
    }
    if (!isRecord(node)) continue;
    for (const [key, child] of Object.entries(node)) {
      if (key === "$ref" && typeof child === "string") {
        const problem = judge(child, spec, root);
        if (problem) out.push(at(pointerOf(...path), ...problem));
      } else stack.push({ node: child, path: [...path, key] });
    }
  }
  return out;
}

type Problem = [code: string, message: string, help: string];

function judge(ref: string, spec: LoadedSpec, root: string): Problem | undefined {
  if (ref.startsWith("#")) {
    return cycleFrom(ref, spec.document)
      ? [
          "spec/ref-cycle",
          `$ref ${JSON.stringify(ref)} leads back to itself through other $refs`,
          "point one of the refs in the loop at a schema",
        ]
      : undefined;
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(ref)) {
    return [
      "spec/remote-ref",
      `$ref ${JSON.stringify(ref)} points outside the spec (${ref.split(":")[0]}:); generation never fetches anything`,
      "copy the schema under components/ of this spec and use a local #/components/... ref",
    ];
  }
  const file = resolve(dirname(spec.absolutePath), ref.split("#")[0] ?? "");
  const fromRoot = relative(root, file);
  if (isAbsolute(ref) || fromRoot.startsWith("..") || isAbsolute(fromRoot)) {
    return [
      "spec/ref-outside-repository",
      `$ref ${JSON.stringify(ref)} points at a file outside the repository`,
      "copy the schema under components/ of this spec and use a local #/components/... ref",
    ];
  }
  return [
    "spec/external-ref",
    `$ref ${JSON.stringify(ref)} points at another file (${fromRoot.split("\\").join("/")}), which the generator does not read`,
    "move the schema under components/ of this spec and use a local #/components/... ref",
  ];
}

/** Whether following `ref` through nodes that are themselves only refs comes back to a ref already seen. */
function cycleFrom(ref: string, document: Record<string, unknown>): boolean {
  const seen = new Set<string>();
  let current: string | undefined = ref;
  while (current?.startsWith("#")) {
    if (seen.has(current)) return true;
    seen.add(current);
    const target = lookup(document, current);
    current = isRecord(target) && typeof target.$ref === "string" ? target.$ref : undefined;
  }
  return false;
}

function lookup(document: Record<string, unknown>, ref: string): unknown {
  let node: unknown = document;
  for (const raw of ref.replace(/^#\/?/, "").split("/")) {
    if (raw === "") continue;
    const key = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    if (!isRecord(node) && !Array.isArray(node)) return undefined;
    node = Object.hasOwn(node, key) ? (node as Record<string, unknown>)[key] : undefined;
  }
  return node;
}
