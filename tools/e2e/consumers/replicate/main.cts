// A CommonJS consumer of @modelfleet/replicate, compiled by the release test in a project outside the repository.
import replicate = require("@modelfleet/replicate");
import replicateFleet = require("@modelfleet/replicate/fleet");

async function main(argv: string[]): Promise<string> {
  const [, , apiUrl = "", apiKey = ""] = argv;
  const client: replicate.ReplicateClient = replicate.createReplicateClient({ apiKey, baseUrl: `${apiUrl}/v1`, maxRetries: 0 });
  const deployment = await client.getDeployment({ deployment_owner: "acme", deployment_name: "image-gen" });

  let missing = "no error";
  try {
    await client.getDeployment({ deployment_owner: "acme", deployment_name: "gone" });
  } catch (error) {
    if (!replicate.NotFoundError.isInstance(error)) throw error;
    missing = `${error.status} ${error.providerMessage ?? ""}`;
  }
  const { packageName, packageVersion } = replicate.replicateProvider;
  const release = deployment.current_release;
  return JSON.stringify({
    format: "cjs",
    package: packageName,
    version: packageVersion,
    release: release?.number,
    hardware: release?.configuration?.hardware,
    normalized: replicateFleet.normalizeReplicateDeployment(deployment).version,
    missing,
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
