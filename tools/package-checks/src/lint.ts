import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import { isTool, type PackageManifest } from "./workspaces.js";

const run = promisify(execFile);
const require = createRequire(import.meta.url);

/**
 * publint on the packed tarball, strict (warnings are errors). Suggestions count too: a clean package has none,
 * and keeping it at zero is cheaper than judging each one later.
 */
export async function runPublint(tarball: string): Promise<string[]> {
  const data = await readFile(tarball);
  const buffer = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;
  const { messages, pkg } = await publint({ pack: { tarball: buffer }, strict: true, level: "suggestion" });
  return messages.map((message) => `publint ${message.type} ${message.code}: ${formatMessage(message, pkg, { color: false }) ?? ""}`);
}

/**
 * arethetypeswrong on the packed tarball: every resolution mode (node10, node16 from CJS and from ESM, bundler) for
 * libraries; tools, which are ESM-only command-line programs, with the `esm-only` profile.
 */
export async function runAttw(tarball: string, manifest: PackageManifest): Promise<string[]> {
  const cliPackage = require.resolve("@arethetypeswrong/cli/package.json");
  const bin = (JSON.parse(await readFile(cliPackage, "utf8")) as { bin: Record<string, string> }).bin.attw;
  if (!bin) throw new Error("@arethetypeswrong/cli has no attw bin");
  const args = [join(dirname(cliPackage), bin), tarball, "--format", "ascii", "--no-emoji", "--no-color"];
  if (isTool(manifest)) args.push("--profile", "esm-only");
  try {
    await run(process.execPath, args, { maxBuffer: 16 * 1024 * 1024 });
    return [];
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    return [`arethetypeswrong found problems:\n${stdout ?? ""}${stderr ?? ""}`.trimEnd()];
  }
}
