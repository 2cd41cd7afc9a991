import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { findRemoteRefs } from "../remote-refs.mjs";

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "remote-refs-"));
  await mkdir(join(root, "specs", "shared"), { recursive: true });
});
afterEach(() => rm(root, { recursive: true, force: true }));

const write = (path: string, text: string) => writeFile(join(root, path), text);

describe("findRemoteRefs, run before Redocly so lint:specs never fetches", () => {
  it("finds refs with a scheme in a spec, with the JSON pointer of the object holding them", async () => {
    await write(
      "specs/acme.yaml",
      [
        "openapi: 3.1.0",
        "components:",
        "  schemas:",
        "    A: { $ref: 'https://schemas.example/a.yaml' }",
        "    B: { $ref: '#/components/schemas/A' }",
        "    C/D: { $ref: 'file:///etc/passwd' }",
      ].join("\n"),
    );
    expect(findRemoteRefs(["specs/acme.yaml"], root)).toEqual([
      { file: "specs/acme.yaml", pointer: "#/components/schemas/A", ref: "https://schemas.example/a.yaml" },
      { file: "specs/acme.yaml", pointer: "#/components/schemas/C~1D", ref: "file:///etc/passwd" },
    ]);
  });

  it("follows relative refs into the files they name, and their refs in turn, each file once", async () => {
    await write(
      "specs/acme.json",
      JSON.stringify({ openapi: "3.1.0", components: { schemas: { E: { $ref: "./shared/errors.yaml#/E" } } } }),
    );
    await write("specs/shared/errors.yaml", "E: { $ref: './more%20types.yaml' }\nF: { $ref: '#/E' }\n");
    await write(
      "specs/shared/more types.yaml",
      "type: object\nproperties:\n  x: { $ref: 'http://127.0.0.1:9/x.yaml' }\n  y: { $ref: './errors.yaml#/F' }\n",
    );
    expect(findRemoteRefs(["specs/acme.json"], root)).toEqual([
      { file: "specs/shared/more types.yaml", pointer: "#/properties/x", ref: "http://127.0.0.1:9/x.yaml" },
    ]);
  });

  it("finds nothing in specs with local and relative refs only, and leaves unreadable files to the lint", async () => {
    await write(
      "specs/ok.yaml",
      "openapi: 3.1.0\ncomponents:\n  schemas:\n    A: { $ref: './shared/a.yaml' }\n    B: { $ref: './missing.yaml' }\n",
    );
    await write("specs/shared/a.yaml", "type: string\n");
    await write("specs/broken.yaml", "openapi: [\n");
    expect(findRemoteRefs(["specs/ok.yaml", "specs/broken.yaml"], root)).toEqual([]);
  });
});
