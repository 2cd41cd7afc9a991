// An ES module consumer of @modelfleet/replicate, compiled by the release test in a project outside the repository.
import { createReplicateClient, NotFoundError, type ReplicateDeployment, replicateProvider } from "@modelfleet/replicate";
import { normalizeReplicateDeployment } from "@modelfleet/replicate/fleet";

const [, , apiUrl = "", apiKey = ""] = (globalThis as unknown as { process: { argv: string[] } }).process.argv;

const replicate = createReplicateClient({ apiKey, baseUrl: `${apiUrl}/v1`, maxRetries: 0 });
const deployment: ReplicateDeployment = await replicate.getDeployment({ deployment_owner: "acme", deployment_name: "image-gen" });

let missing = "no error";
try {
  await replicate.getDeployment({ deployment_owner: "acme", deployment_name: "gone" });
} catch (error) {
  if (!NotFoundError.isInstance(error)) throw error;
  missing = `${error.status} ${error.providerMessage ?? ""}`;
}

console.log(
  JSON.stringify({
    format: "esm",
    package: replicateProvider.packageName,
    version: replicateProvider.packageVersion,
    release: deployment.current_release?.number,
    hardware: deployment.current_release?.configuration?.hardware,
    // The ./fleet subpath resolves too, with its types: a deployment's version is its current release's.
    normalized: normalizeReplicateDeployment(deployment).version,
    missing,
  }),
);
