// An ES module consumer of @modelfleet/sieve, compiled by the release test in a project outside the repository.
// Node's types are not assumed (the bundler build has none), hence the typed read of argv through globalThis.
import { createSieveClient, NotFoundError, type SieveClient, type SieveGetVersionResult, sieveProvider } from "@modelfleet/sieve";

const [, , baseUrl = "", apiKey = ""] = (globalThis as unknown as { process: { argv: string[] } }).process.argv;

const sieve: SieveClient = createSieveClient({ apiKey, baseUrl, maxRetries: 0 });
const version: SieveGetVersionResult = await sieve.getVersion({ owner_name: "acme", function_name: "whisper", version_slug: "latest" });
const status = "build_status" in version ? version.build_status : version.status;

let missing = "no error";
try {
  await sieve.getVersion({ owner_name: "acme", function_name: "whisper", version_slug: "gone" });
} catch (error) {
  if (!NotFoundError.isInstance(error)) throw error;
  missing = `${error.status} ${error.providerMessage ?? ""}`;
}

console.log(
  JSON.stringify({
    format: "esm",
    package: sieveProvider.packageName,
    version: sieveProvider.packageVersion,
    id: version.id,
    status,
    missing,
  }),
);
