import { readdir, readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { CLI } from "../fake-providers.test-helper.js";

/** The page's budget: every file the browser loads, gzipped, together (a rule, not a snapshot of today's size). */
const BUDGET_GZIP_BYTES = 60 * 1024;
const ASSETS = fileURLToPath(new URL("../../dist/ui/", import.meta.url));

describe("modelfleet ui's assets", () => {
  it(`all of them gzipped stay within ${BUDGET_GZIP_BYTES / 1024} kB, and none is loaded from anywhere else`, async () => {
    const files = await readdir(ASSETS);
    expect(files.sort()).toEqual(["app.css", "app.js", "icon.svg", "index.html"]);
    let total = 0;
    for (const file of files) {
      const content = await readFile(`${ASSETS}${file}`);
      total += gzipSync(content, { level: 9 }).length;
      // Offline and no third party: nothing names another origin.
      expect(content.toString("utf8")).not.toMatch(/(src|href)="https?:|url\(\s*["']?https?:|@import/);
    }
    expect(total).toBeLessThanOrEqual(BUDGET_GZIP_BYTES);
  });

  it("the page has no inline script or style and never parses provider text as HTML", async () => {
    const html = await readFile(`${ASSETS}index.html`, "utf8");
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)/);
    expect(html).not.toMatch(/\sstyle=|<style/);
    const app = await readFile(`${ASSETS}app.js`, "utf8");
    expect(app).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function/);
  });

  it("is loaded only by modelfleet ui: nothing the CLI imports at start holds the server, a dynamic import brings it", async () => {
    // The modules a run loads before any command: the entry and everything it imports statically, transitively.
    const imports = async (file: string) => {
      const text = await readFile(file, "utf8");
      const of = (pattern: RegExp) => [...text.matchAll(pattern)].map((m) => fileURLToPath(new URL(m[1] as string, `file://${file}`)));
      return {
        text,
        statics: of(/^import\s[^;]*?from\s*"(\.\/[^"]+)"/gm),
        dynamics: of(/import\(\s*"(\.\/[^"]+)"\s*\)/g),
      };
    };
    const atStart = new Set<string>();
    const dynamic = new Set<string>();
    const walk = async (file: string, viaDynamic: boolean): Promise<void> => {
      const seen = viaDynamic ? dynamic : atStart;
      if (seen.has(file) || (viaDynamic && atStart.has(file))) return;
      seen.add(file);
      const { statics, dynamics } = await imports(file);
      for (const next of statics) await walk(next, viaDynamic);
      for (const next of dynamics) await walk(next, true);
    };
    await walk(CLI, false);
    const holdsServer = async (file: string) => (await readFile(file, "utf8")).includes("function startUiServer");
    for (const file of atStart) expect(await holdsServer(file), file).toBe(false);
    const lazily = await Promise.all([...dynamic].map(holdsServer));
    expect(lazily.filter(Boolean)).toHaveLength(1);
  });
});
