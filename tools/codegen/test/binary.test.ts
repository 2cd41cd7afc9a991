import { copyFile, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, FIXTURES, removeTemps, runCli, runCliProcess, tempDir } from "./helpers.js";

beforeAll(ensureBuilt);
afterEach(removeTemps);

/** A repository holding one valid spec, `specs/acme.yaml`, and the runtime's manifest; nothing generated yet. */
async function makeRepo(): Promise<string> {
  const root = await tempDir();
  await mkdir(join(root, "specs"));
  await copyFile(join(FIXTURES, "valid.yaml"), join(root, "specs", "acme.yaml"));
  await mkdir(join(root, "packages", "runtime"), { recursive: true });
  await writeFile(
    join(root, "packages", "runtime", "package.json"),
    `${JSON.stringify({ name: "@modelfleet/runtime", version: "0.1.0" })}\n`,
  );
  return root;
}

describe("the binary", () => {
  // The other tests call `main` in this process; the built binary must behave exactly as it does.
  it.each([
    ["the help", ["--help"], 0],
    ["a usage error", ["generate", "--check", "--watch"], 2],
    ["a stale tree", ["generate", "--check"], 1],
    ["a missing vendor document, relative to the working directory", ["import", "nope.yaml", "--name", "nope"], 2],
  ])("prints what main prints, with its exit code: %s", async (_case, args, code) => {
    const root = await makeRepo();
    const child = await runCliProcess(args, root);
    const inProcess = await runCli(args, root);
    expect(child).toEqual(inProcess);
    expect(child.code).toBe(code);
    expect(child.stdout + child.stderr).not.toContain("internal error");
  });

  it("prints what main prints for an up-to-date tree, found from a subdirectory", async () => {
    const root = await makeRepo();
    const generated = await runCli(["generate"], root);
    expect(generated.code).toBe(0);
    const cwd = join(root, "packages", "acme");
    const child = await runCliProcess(["generate", "--check"], cwd);
    expect(child).toEqual({ code: 0, stdout: "generated code is up to date (1 spec(s))\n", stderr: "" });
    expect(await runCli(["generate", "--check"], cwd)).toEqual(child);
  });
});
