import { type FSWatcher, watch } from "node:fs";
import { stat } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { generate, type SpecResult, specEntry } from "./generate.js";

export interface WatchOptions {
  root: string;
  /** Only these specs (paths relative to `cwd`); default every spec in `specs/`, including ones added later. */
  specs?: string[];
  cwd?: string;
  /** Quiet period after the last change of a spec before it is regenerated; editors write a file in several steps. */
  debounceMs?: number;
  /** Called after the first full generation and after every regeneration, with the specs just generated. */
  onResults(results: SpecResult[]): void;
  /** Called when a generation throws (an internal error); watching goes on. */
  onError?(error: unknown): void;
}

export interface SpecWatcher {
  /** Settles when the first full generation has been reported. */
  readonly ready: Promise<void>;
  /** Stops watching; settles once a generation in progress has finished. */
  close(): Promise<void>;
}

const SPEC_NAME = /^[^.~][^~]*\.(ya?ml|json)$/;

/**
 * Generates every spec, then regenerates a spec's package whenever the spec, or a file it references, changes. A bad save is reported like any
 * run (diagnostics, package left untouched) and watching continues. Runs are serialized: one process, one loaded
 * TypeScript, and changes arriving during a run are picked up right after it.
 */
export function watchSpecs(options: WatchOptions): SpecWatcher {
  const root = resolve(options.root);
  const cwd = options.cwd ?? root;
  const specsDir = join(root, "specs");
  const only = options.specs?.length ? new Set(options.specs.map((s) => resolve(cwd, s))) : undefined;
  const debounceMs = options.debounceMs ?? 100;
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let closed = false;
  let watcher: FSWatcher | undefined;
  /** Files specs reference through `$ref`, each with the specs that read it; their folders are watched too. */
  const dependents = new Map<string, Set<string>>();
  const folders = new Map<string, FSWatcher>();

  const schedule = (file: string): void => {
    pending.add(file);
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, debounceMs);
  };
  /** A change in a watched folder: the specs reading that file are regenerated. */
  const onReferenced = (dir: string, filename: string | Buffer | null): void => {
    if (closed || !filename) return;
    for (const spec of dependents.get(join(dir, String(filename))) ?? []) schedule(spec);
  };
  const follow = (results: SpecResult[]): void => {
    for (const result of results) {
      if (!result.references) continue;
      const spec = resolve(cwd, result.spec);
      for (const set of dependents.values()) set.delete(spec);
      for (const path of result.references) {
        const file = join(root, path);
        const specs = dependents.get(file) ?? new Set<string>();
        dependents.set(file, specs);
        specs.add(spec);
        const dir = dirname(file);
        if (dir === specsDir || folders.has(dir) || closed) continue;
        try {
          folders.set(
            dir,
            watch(dir, (_event, filename) => onReferenced(dir, filename)),
          );
        } catch {
          // A folder that does not exist yet (a ref to a missing file): the spec's own save retries.
        }
      }
    }
  };

  const run = async (specs: string[] | undefined): Promise<void> => {
    try {
      const results = await generate({ root, cwd, specs: specs ?? (only ? [...only] : undefined) });
      follow(results);
      if (!closed || specs === undefined) options.onResults(results);
    } catch (error) {
      options.onError?.(error);
    }
  };

  const flush = (): void => {
    timer = undefined;
    if (running || closed || pending.size === 0) return;
    const batch = [...pending].sort();
    pending.clear();
    running = (async () => {
      const present: string[] = [];
      for (const file of batch)
        if (
          await stat(file).then(
            (s) => s.isFile(),
            () => false,
          )
        )
          present.push(file);
      // A vendor document is generated through its sidecar.
      const entries = [...new Set(await Promise.all(present.map(specEntry)))];
      if (entries.length) await run(entries);
    })().finally(() => {
      running = undefined;
      if (pending.size) flush();
    });
  };

  const ready = (async () => {
    watcher = watch(specsDir, (_event, filename) => {
      if (closed || !filename) return;
      onReferenced(specsDir, filename);
      const name = String(filename);
      if (!SPEC_NAME.test(name)) return;
      const file = join(specsDir, name);
      if (only && !only.has(file)) return;
      schedule(file);
    });
    running = run(undefined).finally(() => {
      running = undefined;
      if (pending.size) flush();
    });
    await running;
  })();

  return {
    ready,
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      watcher?.close();
      for (const folder of folders.values()) folder.close();
      await ready.catch(() => undefined);
      await running;
    },
  };
}
