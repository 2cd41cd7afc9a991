import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RUNTIME_ERRORS } from "../src/generate/emitters/index.js";
import { REPO_ROOT } from "./helpers.js";

/** Every error class the runtime exports: what a generated client's calls and iterators can throw. */
async function runtimeErrorClasses(): Promise<string[]> {
  // The runtime's source, not a build of it: the list follows every class added there, with no build in between.
  const runtime = (await import(join(REPO_ROOT, "packages", "runtime", "src", "index.ts"))) as Record<string, unknown>;
  return Object.entries(runtime)
    .filter(([, value]) => typeof value === "function" && value.prototype instanceof Error)
    .map(([name]) => name)
    .sort();
}

/** The names a generated `index.ts` re-exports as values from the runtime. */
function reExportedValues(index: string): string[] {
  const match = /^export \{ ([^}]*) \} from "@modelfleet\/runtime";$/m.exec(index);
  return match?.[1] ? match[1].split(",").map((name) => name.trim()) : [];
}

describe("every generated client re-exports every error class a call can throw", () => {
  it("the generator's list is exactly the runtime's error classes", async () => {
    const classes = await runtimeErrorClasses();
    expect(classes).toContain("ResponseTooLargeError");
    expect(classes).toContain("PaginationError");
    expect([...RUNTIME_ERRORS].sort()).toEqual(classes);
  });

  it("each provider package in the repository re-exports them all, paged or not", async () => {
    const classes = await runtimeErrorClasses();
    const packages: string[] = [];
    for (const dir of await readdir(join(REPO_ROOT, "packages"))) {
      const generated = join(REPO_ROOT, "packages", dir, "src", "generated");
      // Not a provider package, or a types-only one (webhook payloads: no client, nothing thrown).
      if (!existsSync(join(generated, "client.ts"))) continue;
      const index = await readFile(join(generated, "index.ts"), "utf8");
      packages.push(dir);
      expect(reExportedValues(index), `packages/${dir}/src/generated/index.ts`).toEqual(expect.arrayContaining(classes));
    }
    expect(packages.length).toBeGreaterThan(0);
  });
});
