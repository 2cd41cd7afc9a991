import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { DISPLAY_NAME } from "../src/generate/display-name.js";
import { generate } from "../src/generate/generate.js";
import { parseSidecar } from "../src/import/sidecar.js";

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "fixtures");
const temps: string[] = [];
afterEach(async () => {
  await Promise.all(temps.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A scratch repository with `specs/acme.yaml`: the valid fixture with `displayName` set (or not) under `name`. */
async function repoWith(displayName: string | undefined): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "modelfleet-display-name-"));
  temps.push(root);
  await mkdir(join(root, "specs"));
  await mkdir(join(root, "packages", "runtime"), { recursive: true });
  await writeFile(
    join(root, "packages", "runtime", "package.json"),
    `${JSON.stringify({ name: "@modelfleet/runtime", version: "0.1.0" })}\n`,
  );
  await copyFile(join(FIXTURES, "valid.yaml"), join(root, "specs", "acme.yaml"));
  if (displayName !== undefined) {
    const spec = await readFile(join(root, "specs", "acme.yaml"), "utf8");
    const named = spec.replace(
      /^( +)name: Acme$/m,
      (line, indent: string) => `${line}\n${indent}displayName: ${JSON.stringify(displayName)}`,
    );
    expect(named).not.toBe(spec);
    await writeFile(join(root, "specs", "acme.yaml"), named);
  }
  return root;
}

const providerFile = (root: string) => readFile(join(root, "packages", "acme", "src", "generated", "provider.ts"), "utf8");

describe("info.x-modelfleet.displayName", () => {
  it("names the provider in the provider table; identifiers keep the PascalCase name", async () => {
    const root = await repoWith("Acme Cloud");
    const [result] = await generate({ root });
    expect(result?.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(await providerFile(root)).toContain('  name: "Acme Cloud",');
    expect(await readFile(join(root, "packages", "acme", "src", "generated", "client.ts"), "utf8")).toContain("createAcmeClient");
  });

  it("defaults to the PascalCase name", async () => {
    const root = await repoWith(undefined);
    await generate({ root });
    expect(await providerFile(root)).toContain('  name: "Acme",');
  });

  it.each([[""], [" Acme"], ["Acme\u001b[31m"], ["x".repeat(61)]])("refuses %j with its pointer, writing nothing", async (bad) => {
    const root = await repoWith(bad);
    const [result] = await generate({ root });
    expect(result?.diagnostics.filter((d) => d.severity === "error")).toEqual([
      expect.objectContaining({
        code: "modelfleet/invalid-extension",
        pointer: "#/info/x-modelfleet/displayName",
        help: expect.stringMatching(/printable characters/),
      }),
    ]);
    expect(result?.output).toBeUndefined();
  });

  it("accepts one printable character up to 60, inner spaces and any script", () => {
    for (const good of ["A", "Hugging Face", "Opper v2", "Ünïcödé 模型", "x".repeat(60)]) expect(DISPLAY_NAME.test(good)).toBe(true);
  });
});

describe("a sidecar's displayName", () => {
  const sidecarText = (extra: string) =>
    `spec: acme.json\npackage: "@modelfleet/acme"\nname: Acme\nenvVar: ACME_API_KEY\nbaseUrl: https://api.acme.test\n${extra}`;

  it("is read when given and absent otherwise", () => {
    expect(parseSidecar(sidecarText("displayName: Acme Cloud\n"), "specs/acme.modelfleet.yaml").sidecar?.displayName).toBe("Acme Cloud");
    expect(parseSidecar(sidecarText(""), "specs/acme.modelfleet.yaml").sidecar).not.toHaveProperty("displayName");
  });

  it("is refused, at its pointer, when it is not printable text", () => {
    const { sidecar, diagnostics } = parseSidecar(sidecarText('displayName: "Acme\\u0007"\n'), "specs/acme.modelfleet.yaml");
    expect(sidecar).toBeUndefined();
    expect(diagnostics).toEqual([expect.objectContaining({ severity: "error", code: "modelfleet/sidecar", pointer: "#/displayName" })]);
  });
});
