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

  it("is loaded only by modelfleet ui: the CLI's entry imports the server lazily, never at start", async () => {
    const entry = await readFile(CLI, "utf8");
    const staticImports = [...entry.matchAll(/^import\s[^;]*?from\s*"(\.\/[^"]+)"/gm)].map((m) => m[1] as string);
    const dynamicImports = [...entry.matchAll(/import\(\s*"(\.\/[^"]+)"\s*\)/g)].map((m) => m[1] as string);
    const server = await Promise.all(
      [...staticImports, ...dynamicImports].map(async (file) => ({
        file,
        isServer: (await readFile(new URL(file, `file://${CLI}`), "utf8")).includes("function startUiServer"),
      })),
    );
    expect(server.filter((s) => s.isServer && staticImports.includes(s.file))).toEqual([]);
    expect(server.filter((s) => s.isServer && dynamicImports.includes(s.file))).toHaveLength(1);
  });
});
