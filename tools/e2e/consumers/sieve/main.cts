// A CommonJS consumer of @modelfleet/sieve, compiled by the release test in a project outside the repository.
// `import = require` compiles to require() under both nodenext and bundler (module: preserve) settings.
import sieve = require("@modelfleet/sieve");

async function main(argv: string[]): Promise<string> {
  const [, , baseUrl = "", apiKey = ""] = argv;
  const client: sieve.SieveClient = sieve.createSieveClient({ apiKey, baseUrl, maxRetries: 0 });
  const version: sieve.SieveGetVersionResult = await client.getVersion({
    owner_name: "acme",
    function_name: "whisper",
    version_slug: "latest",
  });
  const status = "build_status" in version ? version.build_status : version.status;

  let missing = "no error";
  try {
    await client.getVersion({ owner_name: "acme", function_name: "whisper", version_slug: "gone" });
  } catch (error) {
    if (!sieve.NotFoundError.isInstance(error)) throw error;
    missing = `${error.status} ${error.providerMessage ?? ""}`;
  }
  const { packageName, packageVersion } = sieve.sieveProvider;
  return JSON.stringify({ format: "cjs", package: packageName, version: packageVersion, id: version.id, status, missing });
}

const host = globalThis as unknown as { process: { argv: string[]; exitCode?: number } };
main(host.process.argv).then(
  (line) => console.log(line),
  (error: unknown) => {
    console.error(error);
    host.process.exitCode = 1;
  },
);
