// An ES module consumer of @modelfleet/huggingface, compiled by the release test in a project outside the repository.
import { createHuggingFaceClient, type HuggingFaceEndpoint, huggingfaceProvider, NotFoundError } from "@modelfleet/huggingface";
import { normalizeHuggingFaceEndpoint } from "@modelfleet/huggingface/fleet";

const [, , baseUrl = "", apiKey = ""] = (globalThis as unknown as { process: { argv: string[] } }).process.argv;

const hf = createHuggingFaceClient({ apiKey, baseUrl, maxRetries: 0 });
const endpoint: HuggingFaceEndpoint = await hf.getEndpoint({ namespace: "acme-ml", name: "my-endpoint-name" });

let missing = "no error";
try {
  await hf.getEndpoint({ namespace: "acme-ml", name: "gone" });
} catch (error) {
  if (!NotFoundError.isInstance(error)) throw error;
  missing = `${error.status} ${error.providerMessage ?? ""}`;
}

console.log(
  JSON.stringify({
    format: "esm",
    package: huggingfaceProvider.packageName,
    version: huggingfaceProvider.packageVersion,
    state: endpoint.status.state,
    maxReplica: endpoint.compute.scaling.maxReplica,
    // The ./fleet subpath resolves too, with its types.
    normalized: normalizeHuggingFaceEndpoint(endpoint, "acme-ml").status,
    missing,
  }),
);
