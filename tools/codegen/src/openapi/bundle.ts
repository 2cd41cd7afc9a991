import { type Diagnostic, SpecDiagnosticsError } from "../diagnostics.js";
import { isRecord } from "./json.js";
import { nodeAtPointer, pointerOf, pointerSegments } from "./pointer.js";
import { type ComponentKind, componentKindAt } from "./ref-kind.js";
import { refTarget, repoPath } from "./ref-target.js";

/** A file taking part in a bundle: the spec itself or a file it references. */
export interface RefSource {
  /** Path as shown in diagnostics. */
  file: string;
  absolutePath: string;
  document: unknown;
  sha256: string;
  /** Line and column of a JSON pointer in the file's text. */
  locate(pointer: string): { line?: number; column?: number };
}

/** How a bundle reads the files a spec references. */
export interface RefReader {
  /** The parsed file, `undefined` when it does not exist; throws {@link SpecDiagnosticsError} when it does not parse. */
  read(absolutePath: string, shown: string): Promise<RefSource | undefined>;
  /** The file's real path (symbolic links followed), to keep links from leaving the repository; omit where there are none. */
  realpath?(absolutePath: string): Promise<string>;
}

/** {@link RefReader} for callers that cannot wait (a test suite's collection phase). */
export interface SyncRefReader {
  read(absolutePath: string, shown: string): RefSource | undefined;
  realpath?(absolutePath: string): string;
}

/** What the bundling steps ask of a reader; answered with a {@link ReadOutcome} or a real path. */
type Request = { op: "read"; absolutePath: string; shown: string } | { op: "realpath"; path: string };
/** A parsed file, `undefined` for a missing one, or the diagnostics of one that does not parse. */
type ReadOutcome = RefSource | undefined | Diagnostic[];

function diagnosticsOf(error: unknown): Diagnostic[] {
  if (error instanceof SpecDiagnosticsError) return error.diagnostics;
  throw error;
}

/** A part of the bundled document copied from a referenced file. */
export interface BundleOrigin {
  /** Where it sits in the bundled document (`#/components/schemas/Error`). */
  pointer: string;
  /** The file it came from, and where in that file. */
  source: RefSource;
  at: string;
}

/** A referenced file: its path relative to the repository root and the sha256 of its bytes (absent when unreadable). */
export interface ReferencedFile {
  path: string;
  sha256?: string;
}

export interface Bundle {
  /** The spec with every file ref replaced by a local `#/components/...` ref; the spec's own document when it has none. */
  document: unknown;
  origins: BundleOrigin[];
  /** Every file the spec references, directly or through another referenced file, in the order first met. */
  files: ReferencedFile[];
  /** Refs that could not be followed (each at the ref, in the file holding it) and files that do not parse. */
  diagnostics: Diagnostic[];
}

/** Whether a document holds a `$ref` that is not local. Walks without recursion and stops at the first. */
export function hasFileRef(document: unknown): boolean {
  const stack: unknown[] = [document];
  while (stack.length) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (const child of node) if (typeof child === "object" && child !== null) stack.push(child);
    } else if (isRecord(node)) {
      for (const key in node) {
        const child = node[key];
        if (key === "$ref" && typeof child === "string") {
          if (!child.startsWith("#")) return true;
        } else if (typeof child === "object" && child !== null) stack.push(child);
      }
    }
  }
  return false;
}

interface Pending {
  node: unknown;
  path: Array<string | number>;
  /** The file whose refs these are. */
  source: RefSource;
  /** The kind of the copied object the node belongs to (`undefined` in the spec itself). */
  kind: ComponentKind | undefined;
  /** Where that object sits in its file (empty for the spec itself). */
  base: string[];
}

/**
 * Makes one self-contained document of a spec and the files its `$ref`s point at, so that the linter, the model,
 * openapi-typescript, sample values and the smoke test all read the same thing. Each referenced object is copied once
 * into the section of `components` its use calls for, named after the pointer's last segment (or the file's name),
 * with a number when the name is taken; a component of the spec that is only a ref to a file (`Error: {$ref:
 * ./shared/errors.yaml#/...}`) receives the object itself. Refs inside a copied object are read relative to its own
 * file, so files may reference further files and each other (recursive schemas included). The walk is in document
 * order, without recursion: the same files give the same document, byte for byte.
 */
export async function bundleRefs(spec: RefSource, root: string, reader: RefReader): Promise<Bundle> {
  const steps = bundleSteps(spec, root, reader.realpath !== undefined);
  for (let step = steps.next(); ; ) {
    if (step.done) return step.value;
    const request = step.value;
    if (request.op === "read") step = steps.next(await reader.read(request.absolutePath, request.shown).catch(diagnosticsOf));
    else step = steps.next(await (reader.realpath as (path: string) => Promise<string>)(request.path).catch(() => request.path));
  }
}

/** {@link bundleRefs} with a reader that answers at once. */
export function bundleRefsSync(spec: RefSource, root: string, reader: SyncRefReader): Bundle {
  const steps = bundleSteps(spec, root, reader.realpath !== undefined);
  for (let step = steps.next(); ; ) {
    if (step.done) return step.value;
    const request = step.value;
    let answer: ReadOutcome | string;
    if (request.op === "read") {
      try {
        answer = reader.read(request.absolutePath, request.shown);
      } catch (error) {
        answer = diagnosticsOf(error);
      }
    } else {
      try {
        answer = (reader.realpath as (path: string) => string)(request.path);
      } catch {
        answer = request.path;
      }
    }
    step = steps.next(answer);
  }
}

/** The bundling itself, asking for each file read and real path through `yield`: one walk for both readers. */
function* bundleSteps(spec: RefSource, root: string, followLinks: boolean): Generator<Request, Bundle, ReadOutcome | string> {
  const document = structuredClone(spec.document) as Record<string, unknown>;
  const diagnostics: Diagnostic[] = [];
  const origins: BundleOrigin[] = [];
  const files = new Map<string, ReferencedFile>();
  const loaded = new Map<string, ReadOutcome>();
  const named = new Map<string, string>();
  function* real(path: string): Generator<Request, string, ReadOutcome | string> {
    return followLinks ? ((yield { op: "realpath", path }) as string) : path;
  }
  const realRoot = yield* real(root);
  const specReal = yield* real(spec.absolutePath);

  const components = (): Record<string, unknown> => {
    if (!isRecord(document.components)) document.components = {};
    return document.components as Record<string, unknown>;
  };
  const section = (kind: ComponentKind): Record<string, unknown> => {
    const all = components();
    if (!isRecord(all[kind])) all[kind] = {};
    return all[kind] as Record<string, unknown>;
  };

  /** Reports a ref that cannot be followed; `path` leads to the object holding `$ref` (or to the ref string itself). */
  const refuse = (source: RefSource, path: Array<string | number>, code: string, message: string, help: string): void => {
    const pointer = pointerOf(...path);
    if (diagnostics.some((d) => d.file === source.file && d.pointer === pointer)) return;
    diagnostics.push({ severity: "error", code, message, file: source.file, pointer, help, ...source.locate(pointer) });
  };

  function* load(absolutePath: string, shown: string): Generator<Request, ReadOutcome, ReadOutcome | string> {
    if (loaded.has(absolutePath)) return loaded.get(absolutePath);
    const read = (yield { op: "read", absolutePath, shown }) as ReadOutcome;
    const sha256 = read && !Array.isArray(read) ? read.sha256 : undefined;
    files.set(absolutePath, { path: repoPath(realRoot, absolutePath), ...(sha256 ? { sha256 } : {}) });
    loaded.set(absolutePath, read);
    return read;
  }

  /** The local ref standing for `ref` found at `path` of `from`, or `undefined` (reported) when it cannot be followed. */
  function* follow(
    ref: string,
    from: RefSource,
    at: { base: string[]; path: Array<string | number>; bare?: boolean },
    kind: ComponentKind | undefined,
    slot?: { kind: ComponentKind; name: string },
  ): Generator<Request, string | undefined, ReadOutcome | string> {
    // Where the ref is written: the `$ref` key of an object, or a bare string (a discriminator mapping's value).
    const path = at.bare ? [...at.base, ...at.path] : [...at.base, ...at.path, "$ref"];
    if (ref.startsWith("#") && from === spec) return ref;
    const target = ref.startsWith("#")
      ? { kind: "file" as const, absolutePath: from.absolutePath, shown: from.file, pointer: ref }
      : refTarget(ref, from.absolutePath, from.file, root);
    if (target.kind === "refused") {
      refuse(from, path, target.code, target.message, target.help);
      return undefined;
    }
    const realPath = yield* real(target.absolutePath);
    if (realPath === specReal) return target.pointer;
    const fromRoot = repoPath(realRoot, realPath);
    if (fromRoot.startsWith("..") || fromRoot.startsWith("/")) {
      refuse(
        from,
        path,
        "spec/ref-outside-repository",
        `$ref ${JSON.stringify(ref)} points at a file whose real path (through a symbolic link) is outside the repository`,
        "copy the file into the repository instead of linking to it",
      );
      return undefined;
    }
    const key = `${realPath}\0${target.pointer}`;
    const known = named.get(key);
    if (known) return known;
    const source = yield* load(realPath, target.shown);
    if (Array.isArray(source)) {
      // The file does not parse: its own diagnostics say where; the ref says who needs it.
      for (const d of source)
        if (!diagnostics.some((seen) => seen.file === d.file && seen.line === d.line && seen.message === d.message)) diagnostics.push(d);
      return undefined;
    }
    if (!source) {
      refuse(
        from,
        path,
        "spec/ref-file-missing",
        `$ref ${JSON.stringify(ref)} points at ${target.shown}, which does not exist`,
        "fix the path: it is read relative to the folder of the file holding the $ref",
      );
      return undefined;
    }
    const node = nodeAtPointer(source.document, target.pointer);
    if (node === undefined) {
      refuse(
        from,
        path,
        "spec/no-unresolved-refs",
        `$ref ${JSON.stringify(ref)} points at nothing: ${target.shown} has no ${target.pointer}`,
        "fix the pointer after # or add the missing object to that file",
      );
      return undefined;
    }
    const placed = slot ?? place(target.pointer, source.absolutePath, componentKindAt(at.path, kind));
    const pointer = pointerOf("components", placed.kind, placed.name);
    named.set(key, pointer);
    const copy = structuredClone(node);
    section(placed.kind)[placed.name] = copy;
    origins.push({ pointer, source, at: target.pointer });
    copies.add(copy);
    queue.push({ node: copy, path: [], source, kind: placed.kind, base: pointerSegments(target.pointer) });
    return pointer;
  }

  /**
   * A discriminator's `mapping` holds refs as plain strings (`dog: ./pets.yaml#/Dog`); those to files, and local ones
   * in a referenced file, are followed like `$ref`s. A bare schema name is left as it is.
   */
  function* followMapping(
    mapping: Record<string, unknown>,
    source: RefSource,
    base: string[],
    path: Array<string | number>,
  ): Generator<Request, void, ReadOutcome | string> {
    for (const [name, value] of Object.entries(mapping)) {
      if (typeof value !== "string" || !(value.includes("#") || /\.(ya?ml|json)$/i.test(value))) continue;
      if (value.startsWith("#") && source === spec) continue;
      const local = yield* follow(value, source, { base, path: [...path, "mapping", name], bare: true }, "schemas");
      if (local) mapping[name] = local;
    }
  }

  const taken = new Map<ComponentKind, Set<string>>();
  const place = (pointer: string, file: string, used: ComponentKind | undefined): { kind: ComponentKind; name: string } => {
    const segments = pointerSegments(pointer);
    const declared = segments.length === 3 && segments[0] === "components" ? (segments[1] as ComponentKind) : undefined;
    const kind = declared && componentKindAt(["components", declared, "x"], undefined) === declared ? declared : (used ?? "schemas");
    let names = taken.get(kind);
    if (!names) {
      names = new Set(Object.keys(section(kind)));
      taken.set(kind, names);
    }
    const last = segments[segments.length - 1];
    const base = last === undefined ? nameFor(fileStem(file), true) : nameFor(last, false);
    let name = base;
    for (let n = 2; names.has(name); n++) name = `${base}${n}`;
    names.add(name);
    return { kind, name };
  };

  const queue: Pending[] = [];
  const copies = new Set<unknown>();
  // A component that is only a file ref receives the object itself, under its own name: `Error: {$ref: ./x.yaml#/...}`
  // stays `components.schemas.Error` rather than an alias of a copy.
  const own = isRecord(document.components) ? document.components : {};
  for (const [kind, entries] of Object.entries(own)) {
    if (!isRecord(entries) || componentKindAt(["components", kind, "x"], undefined) !== kind) continue;
    for (const [name, entry] of Object.entries(entries)) {
      if (!isRecord(entry) || typeof entry.$ref !== "string" || entry.$ref.startsWith("#") || Object.keys(entry).length !== 1) continue;
      const local = yield* follow(entry.$ref, spec, { base: [], path: ["components", kind, name] }, undefined, {
        kind: kind as ComponentKind,
        name,
      });
      // Followed elsewhere first (the same object twice): this one stays a local ref to the copy.
      if (local && section(kind as ComponentKind)[name] === entry) entry.$ref = local;
    }
  }
  queue.unshift({ node: document, path: [], source: spec, kind: undefined, base: [] });

  // Breadth-first over the spec and then each copied object as it is added; each stack walk is depth-first.
  for (let next = queue.shift(); next; next = queue.shift()) {
    const stack: Pending[] = [next];
    while (stack.length) {
      const { node, path, source, kind, base } = stack.pop() as Pending;
      if (Array.isArray(node)) {
        for (let i = node.length - 1; i >= 0; i--) stack.push({ node: node[i], path: [...path, i], source, kind, base });
        continue;
      }
      // A copied object is walked once, from its own file; the spec's walk meets it under components and passes by.
      if (!isRecord(node) || (node !== next.node && copies.has(node))) continue;
      const keys = Object.keys(node);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i] as string;
        const child = node[key];
        if (key === "$ref" && typeof child === "string") {
          if (child.startsWith("#") && source === spec) continue;
          const local = yield* follow(child, source, { base, path }, kind);
          if (local) node.$ref = local;
        } else if (typeof child === "object" && child !== null) {
          if (key === "discriminator" && isRecord(child) && isRecord(child.mapping))
            yield* followMapping(child.mapping, source, base, [...path, key]);
          stack.push({ node: child, path: [...path, key], source, kind, base });
        }
      }
    }
  }
  return { document, origins, files: [...files.values()], diagnostics };
}

/** A component name from a pointer segment or a file name: `error-body.yaml` gives `ErrorBody`. */
function nameFor(raw: string, pascal: boolean): string {
  if (!pascal && /^[A-Za-z_][A-Za-z0-9_]*$/.test(raw)) return raw;
  const words = raw.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const name = words.map((w) => w[0]?.toUpperCase() + w.slice(1)).join("");
  return /^[A-Za-z_]/.test(name) ? name : `Ref${name}`;
}

function fileStem(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? "shared";
  return base.replace(/\.(ya?ml|json)$/i, "");
}
