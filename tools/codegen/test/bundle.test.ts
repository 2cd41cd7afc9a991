// The bundler on its own, with files held in memory: names, sections, mapping refs, what is reported where.
import { describe, expect, it } from "vitest";
import { bundleRefsSync, type RefSource } from "../src/openapi/bundle.js";

const ROOT = "/repo";

function source(path: string, document: unknown): RefSource {
  return {
    file: path.slice(ROOT.length + 1),
    absolutePath: path,
    document,
    sha256: `sha-of-${path}`,
    locate: () => ({ line: 1, column: 1 }),
  };
}

function bundle(spec: unknown, files: Record<string, unknown>) {
  return bundleRefsSync(source(`${ROOT}/specs/acme.yaml`, spec), ROOT, {
    read: (path) => (path in files ? source(path, files[path]) : undefined),
  });
}

const ok = { description: "ok", content: { "application/json": { schema: { $ref: "./pets.yaml#/Pet" } } } };

describe("bundleRefsSync", () => {
  it("copies each target once, named after its pointer, numbered when the spec already uses the name", () => {
    const result = bundle(
      {
        paths: { "/a": { get: { responses: { "200": ok } } }, "/b": { get: { responses: { "200": ok } } } },
        components: { schemas: { Pet: { type: "string" } } },
      },
      {
        "/repo/specs/pets.yaml": { Pet: { type: "object", properties: { owner: { $ref: "./people/owner.yaml" } } } },
        "/repo/specs/people/owner.yaml": { type: "object" },
      },
    );
    expect(result.diagnostics).toEqual([]);
    const document = result.document as { paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } };
    expect(Object.keys(document.components.schemas)).toEqual(["Pet", "Pet2", "Owner"]);
    expect(document.components.schemas.Pet2).toEqual({ type: "object", properties: { owner: { $ref: "#/components/schemas/Owner" } } });
    expect(JSON.stringify(document.paths)).not.toContain("pets.yaml");
    expect(result.files).toEqual([
      { path: "specs/pets.yaml", sha256: "sha-of-/repo/specs/pets.yaml" },
      { path: "specs/people/owner.yaml", sha256: "sha-of-/repo/specs/people/owner.yaml" },
    ]);
    expect(result.origins.map((o) => [o.pointer, o.source.file, o.at])).toEqual([
      ["#/components/schemas/Pet2", "specs/pets.yaml", "#/Pet"],
      ["#/components/schemas/Owner", "specs/people/owner.yaml", "#"],
    ]);
  });

  it("follows a discriminator's mapping to files and leaves schema names alone", () => {
    const result = bundle(
      {
        components: {
          schemas: {
            Pet: {
              oneOf: [{ $ref: "./pets.yaml#/Dog" }, { $ref: "./pets.yaml#/Cat" }],
              discriminator: { propertyName: "kind", mapping: { dog: "./pets.yaml#/Dog", cat: "./pets.yaml#/Cat", bird: "Bird" } },
            },
            Bird: { type: "object" },
          },
        },
      },
      { "/repo/specs/pets.yaml": { Dog: { type: "object" }, Cat: { type: "object" } } },
    );
    expect(result.diagnostics).toEqual([]);
    const pet = (result.document as { components: { schemas: { Pet: { discriminator: unknown } } } }).components.schemas.Pet;
    expect(pet.discriminator).toEqual({
      propertyName: "kind",
      mapping: { dog: "#/components/schemas/Dog", cat: "#/components/schemas/Cat", bird: "Bird" },
    });
  });

  it("reports refs it cannot follow at the ref, in the file holding it, and changes nothing else", () => {
    const result = bundle(
      {
        paths: {
          "/a": {
            get: {
              responses: {
                "200": { description: "", content: { "application/json": { schema: { $ref: "https://example.com/x.yaml" } } } },
                "404": { $ref: "./gone.yaml#/NotFound" },
                "500": { $ref: "./pets.yaml#/Nope" },
              },
            },
          },
        },
      },
      { "/repo/specs/pets.yaml": { Pet: {} } },
    );
    expect(result.diagnostics.map((d) => [d.code, d.file, d.pointer])).toEqual([
      ["spec/remote-ref", "specs/acme.yaml", "#/paths/~1a/get/responses/200/content/application~1json/schema/$ref"],
      ["spec/ref-file-missing", "specs/acme.yaml", "#/paths/~1a/get/responses/404/$ref"],
      ["spec/no-unresolved-refs", "specs/acme.yaml", "#/paths/~1a/get/responses/500/$ref"],
    ]);
  });
});
