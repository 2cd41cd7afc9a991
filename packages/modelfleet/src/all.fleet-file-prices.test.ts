import { describe, expect, it } from "vitest";
import { FleetFileError, fleetFileErrorAt, parseFleetFile, parsePriceFile, stringifyFleetFile } from "./desired-state/fleet-file.js";
import { validate } from "./generated/fleet-file-validator.js";

const PROVIDERS = ["sieve", "replicate", "deepinfra"];

function problemsOf(parse: () => unknown): string[] {
  try {
    parse();
  } catch (error) {
    expect(FleetFileError.isInstance(error)).toBe(true);
    return (error as FleetFileError).message.split("\n");
  }
  throw new Error("expected the file to be refused");
}

describe("prices: in a fleet file", () => {
  it("reads a price table beside the deployments, decimal strings and numbers alike", () => {
    const text = `deployments:
  - ref: replicate:acme/app
prices:
  replicate:
    gpu-t4: "0.50"
    cpu: 0.1
`;
    const desired = parseFleetFile(text, { file: "fleet.yaml", providers: PROVIDERS });
    expect(desired.prices).toEqual({ replicate: { "gpu-t4": "0.50", cpu: 0.1 } });
    // Written back as it was read.
    expect(parseFleetFile(stringifyFleetFile(desired), { providers: PROVIDERS })).toEqual(desired);
  });

  it("names each bad entry with its file, line and key: negative, non-numeric, unknown provider, not a mapping", () => {
    const text = `deployments: []
prices:
  replicate:
    gpu-t4: "-0.50"
    gpu-a40: cheap
    cpu: -1
    gpu-l4: [1]
  acme:
    x: "1"
  sieve: 3
`;
    expect(problemsOf(() => parseFleetFile(text, { file: "fleet.yaml", providers: PROVIDERS }))).toEqual([
      'fleet.yaml:4:13: prices.replicate.gpu-t4: a price must not be negative, got "-0.50"',
      'fleet.yaml:5:14: prices.replicate.gpu-a40: a price must be a decimal number of USD per hour (e.g. "1.25"), got "cheap"',
      "fleet.yaml:6:10: prices.replicate.cpu: a price must not be negative, got -1",
      'fleet.yaml:7:13: prices.replicate.gpu-l4: a price must be a number of USD per hour (e.g. "1.25"), got [1]',
      'fleet.yaml:8:3: prices.acme: unknown provider "acme" (known: sieve, replicate, deepinfra)',
      "fleet.yaml:10:3: prices.sieve: sieve must be a mapping of hardware SKU to USD per hour, got 3",
    ]);
  });

  it("is in the published schema, so editors flag a bad price too", () => {
    expect(validate({ deployments: [], prices: { replicate: { "gpu-t4": "0.50", cpu: 1 } } })).toBe(true);
    expect(validate({ deployments: [], prices: { replicate: { cpu: -1 } } })).toBe(false);
    expect(validate({ deployments: [], prices: { replicate: { cpu: "1,5" } } })).toBe(false);
    expect(validate({ deployments: [], prices: { Replicate: {} } })).toBe(false);
  });
});

describe("parsePriceFile", () => {
  it("reads a file holding only prices:", () => {
    expect(parsePriceFile('prices:\n  sieve:\n    a100: "3.20"\n', { file: "prices.yaml", providers: PROVIDERS })).toEqual({
      sieve: { a100: "3.20" },
    });
    expect(parsePriceFile('{"prices": {"sieve": {"t4": 0.6}}}', { file: "prices.json", providers: PROVIDERS })).toEqual({
      sieve: { t4: 0.6 },
    });
  });

  it("reads a whole fleet file's prices:", () => {
    const text = 'deployments:\n  - ref: sieve:acme/x@latest\nprices:\n  sieve:\n    t4: "1"\n';
    expect(parsePriceFile(text, { file: "fleet.yaml", providers: PROVIDERS })).toEqual({ sieve: { t4: "1" } });
  });

  it("refuses other keys, a missing prices:, bad prices and bad YAML, each at its line", () => {
    expect(problemsOf(() => parsePriceFile("price:\n  sieve: {}\n", { file: "p.yaml", providers: PROVIDERS }))).toEqual([
      'p.yaml:1:1: price: unknown key "price" (expected $schema, prices)',
      "p.yaml:1:1: prices: prices is required",
    ]);
    expect(problemsOf(() => parsePriceFile("prices:\n  sieve:\n    t4: -2\n", { file: "p.yaml", providers: PROVIDERS }))).toEqual([
      "p.yaml:3:9: prices.sieve.t4: a price must not be negative, got -2",
    ]);
    expect(problemsOf(() => parsePriceFile("prices: [", { file: "p.yaml" }))[0]).toMatch(/^p\.yaml:1:\d+: \(root\): not valid YAML/);
    expect(problemsOf(() => parsePriceFile("- 1\n", { file: "p.yaml" }))).toEqual([
      "p.yaml:1:1: (root): a price file must be a mapping with a prices: key",
    ]);
  });

  it("locates problems found later (a SKU no deployment runs on) at their entry", () => {
    const text = 'prices:\n  sieve:\n    t4: "1"\n    a10: "2"\n';
    const error = fleetFileErrorAt(text, "p.yaml", [{ path: ["prices", "sieve", "a10"], message: "unknown SKU" }]);
    expect(error.message).toBe("p.yaml:4:5: prices.sieve.a10: unknown SKU");
  });
});
