import { camelCase, type ProviderModel } from "./model.js";

/**
 * The fleet adapter skeleton of a new provider package: `src/fleet.ts` (exported as `./fleet`) that builds and
 * type-checks but answers every operation with a TODO error, and `src/fleet.test.ts`, whose tests fail with a TODO
 * message naming what to fill in until the adapter is written. Written once, like the rest of the scaffold.
 */
export function scaffoldFleetFiles(model: ProviderModel): Record<string, string> {
  const { id, name } = model;
  const factory = camelCase(id);
  const todo = `TODO(${id} fleet adapter)`;
  const fleet = `// \`${model.packageName}/fleet\`: ${name} as a provider of the \`modelfleet\` facade, next to the generated client and
// not part of the main entry. Scaffolded by modelfleet-codegen with every operation answering a TODO error: fill in
// each TODO (CONTRIBUTING.md, "Adding a provider", walks through it), then make src/fleet.test.ts pass.
import {
  type Capabilities,
  checkSegment,
  connectProvider,
  type FleetProvider,
  type ModelVersion,
  type StatusTable,
} from "@modelfleet/runtime/fleet";
import { type ${name}Client, type ${name}ClientOptions, ${factory}Provider, create${name}Client } from "./generated/index.js";

/** \`${id}:<id>\`: a ${name} version. TODO: the provider's real form, e.g. \`${id}:\${string}@\${string}\`. */
export type ${name}VersionRef = \`${id}:\${string}\`;
/** \`${id}:<model>\`: a ${name} model, whose versions can be listed. TODO: the real form. */
export type ${name}ModelRef = \`${id}:\${string}\`;

/**
 * The generated type(s) a version is read from. TODO: the response type(s) of the operations the adapter calls
 * (e.g. \`${name}Deployment\` from \`./generated/index.js\`), so that renaming a field in the spec breaks this file.
 */
export type ${name}RawVersion = Record<string, never>;

/** What ${name} brings into a fleet (see \`ProviderTypes\`). TODO: set each capability to what the adapter implements. */
export interface ${name}FleetTypes {
  id: "${id}";
  client: ${name}Client;
  versionRef: ${name}VersionRef;
  modelRef: ${name}ModelRef;
  versionParts: { id: string };
  modelParts: { model: string };
  raw: ${name}RawVersion;
  capabilities: Capabilities & { getVersion: true; listVersions: false; listDeployments: false; scale: false };
}

/** A normalized ${name} version. */
export type ${name}FleetVersion = ModelVersion<"${id}", ${name}VersionRef, ${name}RawVersion>;

/** ${name} as a fleet provider. */
export type ${name}FleetProvider = FleetProvider<${name}FleetTypes>;

/** ${name}'s status words → \`VersionStatus\`. TODO: one row per status the spec documents. */
export const ${id.toUpperCase().replaceAll("-", "_")}_STATUS: StatusTable = {};

function todo(what: string): never {
  throw new Error(\`${todo}: \${what}\`);
}

/**
 * Normalizes a ${name} object; never throws, whatever it really is. TODO: read it with \`received\` and the readers,
 * filling ref, model, version, status, times, scaling, replicas and hardware.
 */
export function normalize${name}Version(_raw: ${name}RawVersion, _requested?: string): ${name}FleetVersion {
  return todo("normalize${name}Version: map the generated object to a ModelVersion");
}

/**
 * ${name} for \`createFleet({ providers: [${factory}()] })\`. Without options it is configured when \`${model.envVar}\` is set;
 * with options (e.g. \`{ apiKey, baseUrl }\`) the client is created by \`createFleet\`.
 */
export function ${factory}(options?: ${name}ClientOptions): ${name}FleetProvider {
  return {
    id: "${id}",
    capabilities: { getVersion: true, listVersions: false, listDeployments: false, scale: false },
    unsupported: {
      listVersions: "${todo}: not written yet",
      listDeployments: "${todo}: not written yet",
      scale: "${todo}: not written yet",
    },
    versionRef: {
      form: "${id}:<id>",
      parse(rest, bad) {
        checkSegment(rest, "id", bad);
        return todo("versionRef: the parts of a version reference (parse and format, and the form shown in errors)");
      },
      format: () => todo("versionRef.format"),
    },
    modelRef: {
      form: "${id}:<model>",
      parse: () => todo("modelRef: the parts of a model reference"),
      format: () => todo("modelRef.format"),
    },
    getVersion: async () => todo("getVersion: call the client's read operation and normalize its answer"),
    listVersions: () => todo("listVersions: every version of a model, across all pages (or leave its flag false)"),
    listDeployments: () => todo("listDeployments: the provider's current deployments (or leave its flag false)"),
    ...connectProvider(${factory}Provider, create${name}Client, options),
  };
}
`;
  const test = `import { VERSION_STATUSES } from "@modelfleet/runtime/fleet";
import { expectValidVersion, routedFetch } from "@modelfleet/test-utils/fleet";
import { describe, expect, it } from "vitest";
import { ${factory}, normalize${name}Version } from "./fleet.js";

// Scaffolded by modelfleet-codegen: each test fails with a TODO until src/fleet.ts is written. Replace them with the
// adapter's real tests (see packages/deepinfra/src/fleet/ for a complete set): the spec's example through every
// operation, one case per status, the odd shapes the real API sends, and a property test of the normalizer.
describe("${id} fleet adapter", () => {
  it("parses its version reference and formats it back", () => {
    const provider = ${factory}();
    const bad = (why: string): never => {
      throw new Error(why);
    };
    const parts = provider.versionRef.parse("TODO-a-real-reference", bad);
    expect(\`${id}:\${provider.versionRef.format(parts)}\`).toBe("${id}:TODO-a-real-reference");
  });

  it("reads one version through the generated client and normalizes the spec's example", async () => {
    const fake = routedFetch({});
    const provider = ${factory}({ apiKey: "test-key", fetch: fake.fetch });
    const version = await provider.getVersion(provider.createClient({}, {}), { id: "TODO-a-real-id" }, { concurrency: 4 });
    expectValidVersion(version, VERSION_STATUSES);
    expect.fail("${todo}: route the operation getVersion calls to the spec's example and assert every ModelVersion field");
  });

  it("normalizes an object with nothing but an id without throwing", () => {
    expectValidVersion(normalize${name}Version({} as never, "x"), VERSION_STATUSES);
  });
});
`;
  return { "src/fleet.ts": fleet, "src/fleet.test.ts": test };
}
