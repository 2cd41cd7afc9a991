import { readFileSync, writeFileSync, mkdirSync, readdirSync, existsSync } from "node:fs";
import { execFileSync, spawnSync } from "node:child_process";
import { join } from "node:path";
import { transformSync } from "esbuild";
const root = process.cwd();
const files = ["README.md", ...readdirSync("packages").map((p) => `packages/${p}/README.md`).filter(existsSync)];
const env = { PATH: process.env.PATH };
for (const line of readFileSync("/tmp/nc/mocks.out", "utf8").split("\n")) { const m = /^export (\w+)=(.*)$/.exec(line); if (m) env[m[1]] = m[2]; }
mkdirSync("tools/demo/.snippets", { recursive: true });
for (const file of files) {
  const md = readFileSync(file, "utf8");
  let i = 0;
  for (const m of md.matchAll(/```ts\n([\s\S]*?)```/g)) {
    i++;
    const lineNo = md.slice(0, m.index).split("\n").length;
    let js; try { js = transformSync(m[1], { loader: "ts", format: "esm" }).code; } catch (e) { console.log(`== ${file}:${lineNo} does not parse: ${e.message.split("\n")[1]}`); continue; }
    const out = join("tools/demo/.snippets", `${file.replaceAll("/", "_")}-${i}.mjs`);
    writeFileSync(out, js);
    const r = spawnSync(process.execPath, [out], { env, encoding: "utf8", timeout: 60000 });
    console.log(`== ${file}:${lineNo} exit ${r.status} ${r.signal ?? ""}`);
    if (r.status !== 0) console.log((r.stderr || "").split("\n").slice(0, 6).join("\n"));
  }
}
