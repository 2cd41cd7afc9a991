// An ES module consumer of the modelfleet facade (its every-provider entry, `modelfleet/all`), compiled by the release test in a project outside the repository.
// Node's types are not assumed (the bundler build has none), hence the typed read of argv through globalThis.
import { type BuiltInVersion, createFleet, NotFoundError } from "modelfleet/all";

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
  }),
);
