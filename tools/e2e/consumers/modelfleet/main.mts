// An ES module consumer of the modelfleet facade (its every-provider entry, `modelfleet/all`), compiled by the release test in a project outside the repository.
// Node's types are not assumed (the bundler build has none), hence the typed read of argv through globalThis.
import { type BuiltInVersion, createFleet, NotFoundError } from "modelfleet/all";
import { FleetFileError, parseFleetFile } from "modelfleet/fleet-file";

const [, , baseUrl = "", apiKey = ""] = (globalThis as unknown as { process: { argv: string[] } }).process.argv;

// Only Sieve, pointed at the fake API; `env: {}` so that no key from the environment configures anything else.
const fleet = createFleet({ sieve: { apiKey, baseUrl, maxRetries: 0 }, env: {} });
const version: BuiltInVersion<"sieve"> = await fleet.getVersion("sieve:acme/whisper@latest");

let missing = "no error";
try {
  await fleet.getVersion("sieve:acme/whisper@gone");
} catch (error) {
  if (!NotFoundError.isInstance(error)) throw error;
  missing = `${error.status} ${error.providerMessage ?? ""}`;
}

// The fleet file reader (YAML parser and the compiled schema validator) from its own entry: one good file, one bad.
const desired = parseFleetFile("deployments:\n  - ref: sieve:acme/whisper@latest\n    scaling: { min: 0, max: 2 }\n", {
  references: fleet,
});
let fleetFileProblem = "no error";
try {
  parseFleetFile("deployments:\n  - ref: sieve:acme/whisper@latest\n    state: paused\n", { file: "fleet.yaml" });
} catch (error) {
  if (!FleetFileError.isInstance(error)) throw error;
  fleetFileProblem = error.message;
}

const { ref, status, scaling, hardware } = version;
console.log(
  JSON.stringify({
    format: "esm",
    package: "modelfleet",
    ref,
    status,
    createdAt: version.createdAt?.toISOString() ?? null,
    scaling,
    hardware,
    missing,
    fleetFile: { deployments: desired.deployments.length, problem: fleetFileProblem },
  }),
);
