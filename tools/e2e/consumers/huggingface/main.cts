// A CommonJS consumer of @modelfleet/huggingface, compiled by the release test in a project outside the repository.
import huggingface = require("@modelfleet/huggingface");
import huggingfaceFleet = require("@modelfleet/huggingface/fleet");

async function main(argv: string[]): Promise<string> {
  const [, , baseUrl = "", apiKey = ""] = argv;
  const client: huggingface.HuggingFaceClient = huggingface.createHuggingFaceClient({ apiKey, baseUrl, maxRetries: 0 });
  const endpoint = await client.getEndpoint({ namespace: "acme-ml", name: "my-endpoint-name" });

  let missing = "no error";
  try {
    await client.getEndpoint({ namespace: "acme-ml", name: "gone" });
  } catch (error) {
    if (!huggingface.NotFoundError.isInstance(error)) throw error;
    missing = `${error.status} ${error.providerMessage ?? ""}`;
  }
  const { packageName, packageVersion } = huggingface.huggingfaceProvider;
  return JSON.stringify({
    format: "cjs",
    package: packageName,
    version: packageVersion,
    state: endpoint.status.state,
    maxReplica: endpoint.compute.scaling.maxReplica,
    normalized: huggingfaceFleet.normalizeHuggingFaceEndpoint(endpoint, "acme-ml").status,
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
