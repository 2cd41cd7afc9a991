// A CommonJS consumer of the modelfleet facade (its every-provider entry, `modelfleet/all`), compiled by the release test in a project outside the repository.
// `import = require` compiles to require() under both nodenext and bundler (module: preserve) settings.
import modelfleet = require("modelfleet/all");
import fleetFile = require("modelfleet/fleet-file");

async function main(argv: string[]): Promise<string> {
  const [, , baseUrl = "", apiKey = ""] = argv;
  // Only Sieve, pointed at the fake API; `env: {}` so that no key from the environment configures anything else.
  const fleet = modelfleet.createFleet({ sieve: { apiKey, baseUrl, maxRetries: 0 }, env: {} });
  const version: modelfleet.BuiltInVersion<"sieve"> = await fleet.getVersion("sieve:acme/whisper@latest");

  let missing = "no error";
  try {
    await fleet.getVersion("sieve:acme/whisper@gone");
  } catch (error) {
    if (!modelfleet.NotFoundError.isInstance(error)) throw error;
    missing = `${error.status} ${error.providerMessage ?? ""}`;
  }
  // The fleet file reader (YAML parser and the compiled schema validator) from its own entry: one good file, one bad.
  const desired = fleetFile.parseFleetFile("deployments:\n  - ref: sieve:acme/whisper@latest\n    scaling: { min: 0, max: 2 }\n", {
    references: fleet,
  });
  let fleetFileProblem = "no error";
  try {
    fleetFile.parseFleetFile("deployments:\n  - ref: sieve:acme/whisper@latest\n    state: paused\n", { file: "fleet.yaml" });
  } catch (error) {
    if (!fleetFile.FleetFileError.isInstance(error)) throw error;
    fleetFileProblem = error.message;
  }
  const { ref, status, scaling, hardware } = version;
  return JSON.stringify({
    format: "cjs",
    package: "modelfleet",
    ref,
    status,
    createdAt: version.createdAt?.toISOString() ?? null,
    scaling,
    hardware,
    missing,
    fleetFile: { deployments: desired.deployments.length, problem: fleetFileProblem },
  });
}

const host = globalThis as unknown as { process: { argv: string[]; exitCode?: number } };
main(host.process.argv).then(
  (line) => console.log(line),
  (error: unknown) => {
    console.error(error);
    host.process.exitCode = 1;
  },
);
