// An ES module consumer of @modelfleet/baseten, compiled by the release test in a project outside the repository.
import { type BasetenClient, type BasetenDeployment, basetenProvider, createBasetenClient, NotFoundError } from "@modelfleet/baseten";

const [, , baseUrl = "", apiKey = ""] = (globalThis as unknown as { process: { argv: string[] } }).process.argv;

const baseten: BasetenClient = createBasetenClient({ apiKey, baseUrl, maxRetries: 0 });
const deployment: BasetenDeployment = await baseten.getProductionDeployment({ model_id: "yqv4yjw" });

let missing = "no error";
try {
  await baseten.getDeployment({ model_id: "yqv4yjw", deployment_id: "gone" });
} catch (error) {
  if (!NotFoundError.isInstance(error)) throw error;
  missing = `${error.status} ${error.providerMessage ?? ""}`;
}

console.log(
  JSON.stringify({
    format: "esm",
    package: basetenProvider.packageName,
    version: basetenProvider.packageVersion,
    id: deployment.id,
    status: deployment.status,
    missing,
  }),
);
