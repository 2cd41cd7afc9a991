import { formatJson } from "./format-json.js";
import { camelCase, type ProviderModel } from "./model.js";
import { scaffoldFleetFiles } from "./scaffold-fleet.js";

/** What the scaffold needs besides the provider model. */
export interface ScaffoldInputs {
  /** Version of `@modelfleet/runtime` the new package depends on (`^` range). */
  runtimeVersion: string;
  /** The repository's LICENSE text, copied into the package because npm only ships files inside it. */
  license: string | undefined;
  /** The README's generated operations block, which `generate` keeps in step from then on. */
  operations: string;
  /** Include the fleet adapter skeleton (`src/fleet.ts` and its failing tests): only when the package is new. */
  fleetSkeleton: boolean;
  /** Where the package's spec lives in specs/. */
  specs: SpecFiles;
}

/** Where a package's spec lives in specs/: the file `generate` reads and the OpenAPI document itself. */
export interface SpecFiles {
  /** What `generate --spec` is given: the spec, or an imported document's sidecar. */
  entry: string;
  /** The OpenAPI document (the same file as `entry` for our own specs). */
  document: string;
  /** A vendor's document brought in by `import`. */
  imported: boolean;
  /** Files the spec references through `$ref`, relative to the repository root: inputs of `generate` too. */
  references?: string[];
}

/**
 * Files of a provider package that does not exist yet. They are written once and are the maintainers' from
 * then on; the generator never touches them again, except for the README's operations block.
 */
export function scaffoldFiles(
  model: ProviderModel,
  { runtimeVersion, license, operations, fleetSkeleton, specs }: ScaffoldInputs,
): Record<string, string> {
  const entry = `specs/${specs.entry}`;
  const document = `specs/${specs.document}`;
  const inputs = [...new Set([entry, document, ...(specs.references ?? [])])].map((file) => `$TURBO_ROOT$/${file}`);
  // A vendor's document may describe no deployments at all, and an unattended import must leave a green package:
  // an imported package starts without the `./fleet` adapter, which a maintainer adds when the platform fits.
  const fleet = !specs.imported;
  const packageJson = {
    name: model.packageName,
    version: "0.1.0",
    description: model.typesOnly
      ? `TypeScript types of the webhook payloads of the ${model.title}, generated from its OpenAPI document.`
      : `Typed TypeScript client for the ${model.title}: model and deployment versions, generated from its OpenAPI spec.`,
    license: "MIT",
    type: "module",
    sideEffects: false,
    main: "./dist/index.cjs",
    module: "./dist/index.js",
    types: "./dist/index.d.ts",
    exports: {
      ".": {
        import: { types: "./dist/index.d.ts", default: "./dist/index.js" },
        require: { types: "./dist/index.d.cts", default: "./dist/index.cjs" },
      },
      // The fleet adapter: its own entry, so a user of the raw client pays nothing for it.
      ...(fleet
        ? {
            "./fleet": {
              import: { types: "./dist/fleet.d.ts", default: "./dist/fleet.js" },
              require: { types: "./dist/fleet.d.cts", default: "./dist/fleet.cjs" },
            },
          }
        : {}),
      "./package.json": "./package.json",
    },
    // For TypeScript's node10 resolution, which does not read `exports`.
    ...(fleet ? { typesVersions: { "*": { fleet: ["./dist/fleet.d.ts"] } } } : {}),
    files: ["dist"],
    engines: { node: ">=20" },
    keywords: ["modelfleet", model.id, "openapi", "sdk", "deployments"],
    scripts: {
      generate: `node ../../tools/codegen/dist/cli.js generate --spec ../../${entry}`,
      build: "tsup",
      typecheck: "node ../../node_modules/typescript-native/bin/tsc --noEmit",
      test: "vitest run",
      "check:package": "node ../../tools/package-checks/dist/check-package.js",
    },
    // A types-only package (webhook payloads) calls nothing: it needs neither the runtime nor openapi-fetch.
    dependencies: model.typesOnly
      ? {}
      : {
          "@modelfleet/runtime": `^${runtimeVersion}`,
          "openapi-fetch": "0.17.0",
        },
    devDependencies: { "@modelfleet/test-utils": "0.0.0" },
    // No provenance here: it breaks every publish outside CI; the release job sets NPM_CONFIG_PROVENANCE=true.
    publishConfig: { access: "public" },
  };
  const turboJson = {
    $schema: "https://turbo.build/schema.json",
    extends: ["//"],
    tasks: {
      generate: { inputs, outputs: ["src/generated/**"] },
      // Only build regenerates. typecheck and test read the committed src/generated/, so `npm test` checks
      // exactly what is committed and never races the drift check.
      build: { dependsOn: ["^build", "generate"] },
      // The contract and fixture tests read the spec itself.
      test: { inputs: ["$TURBO_DEFAULT$", ...inputs] },
    },
  };
  const contractTest = [
    'import { fileURLToPath } from "node:url";',
    'import { describeContract } from "@modelfleet/test-utils/contract";',
    `import { create${model.name}Client } from "./index.js";`,
    "",
    "// Calls every operation of the spec through the client against a Prism mock built from the same spec, and",
    "// expects the spec's examples back. Add this provider's negative cases (no key, invalid body) as a third",
    "// argument; see specs/README.md.",
    `describeContract("${model.id}", {`,
    `  spec: fileURLToPath(new URL("../../../${document}", import.meta.url)),`,
    `  createClient: create${model.name}Client,`,
    "});",
    "",
  ].join("\n");
  const readme = [
    `# ${model.packageName}`,
    "",
    `${model.typesOnly ? "Webhook payload types of" : "Typed client for"} the ${model.title}, generated from [\`${document}\`](../../${document}) by modelfleet-codegen.`,
    "",
    "```sh",
    `npm install ${model.packageName}`,
    "```",
    "",
    ...(model.typesOnly ? typesOnlyUsage(model) : clientUsage(model)),
    "",
    operations,
    "",
    ...(fleet ? fleetSection(model) : []),
    "## API reference",
    "",
    "Every export with its TSDoc: in the modelfleet repository, `npm run docs` builds the reference of all published",
    "libraries into `docs/api/` (open `docs/api/index.html`).",
    "",
  ].join("\n");
  return {
    ...(license === undefined ? {} : { LICENSE: license }),
    "package.json": `${JSON.stringify(packageJson, null, 2)}\n`,
    "turbo.json": formatJson(turboJson),
    "README.md": readme,
    "tsconfig.json": formatJson({ extends: "../../tsconfig.base.json", include: ["src"] }),
    "tsup.config.ts": '// Shared by every library package; see the repository root.\nexport { default } from "../../tsup.package.js";\n',
    "src/index.ts": 'export * from "./generated/index.js";\n',
    // A vendor's document rarely has an example for every parameter and body, which the Prism contract test needs;
    // an imported package is checked by its generated smoke test until a maintainer writes one.
    ...(specs.imported ? {} : { "src/contract.test.ts": contractTest }),
    ...(fleet && fleetSkeleton ? scaffoldFleetFiles(model) : {}),
  };
}

/** The README's usage of a client package. */
function clientUsage(model: ProviderModel): string[] {
  return [
    "```ts",
    `import { create${model.name}Client } from "${model.packageName}";`,
    "",
    `const client = create${model.name}Client(); // key from ${model.envVar}`,
    "```",
    "",
    "`client.raw` is the underlying openapi-fetch client. Errors are the `@modelfleet/runtime` classes, re-exported here.",
  ];
}

/** The README's usage of a types-only package (a document of webhooks only): types to read what the vendor sends. */
function typesOnlyUsage(model: ProviderModel): string[] {
  const first = model.webhooks.find((hook) => hook.mediaType !== undefined);
  const type = first ? `${model.name}${first.typeName}` : "webhooks";
  return [
    "```ts",
    `import type { ${type} } from "${model.packageName}";`,
    "",
    `const payload = (await request.json()) as ${type};`,
    "```",
    "",
    "Types only: the document declares no operation to call, so the package has no client.",
  ];
}

/** The README section on the package's `./fleet` adapter. */
function fleetSection(model: ProviderModel): string[] {
  return [
    "## In a fleet",
    "",
    `\`${model.packageName}/fleet\` exports \`${camelCase(model.id)}()\`, ${model.name} as a provider of the \`modelfleet\` facade:`,
    "",
    "```ts",
    'import { createFleet } from "modelfleet";',
    `import { ${camelCase(model.id)} } from "${model.packageName}/fleet";`,
    "",
    `const fleet = createFleet({ providers: [${camelCase(model.id)}()] }); // key from ${model.envVar}`,
    "```",
    "",
    "The main entry does not include it: a user of the raw client pays nothing for the adapter.",
    "",
  ];
}
