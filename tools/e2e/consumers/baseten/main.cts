// A CommonJS consumer of @modelfleet/baseten, compiled by the release test in a project outside the repository.
import baseten = require("@modelfleet/baseten");

async function main(argv: string[]): Promise<string> {
  const [, , baseUrl = "", apiKey = ""] = argv;
  const client: baseten.BasetenClient = baseten.createBasetenClient({ apiKey, baseUrl, maxRetries: 0 });
  const deployment: baseten.BasetenDeployment = await client.getProductionDeployment({ model_id: "yqv4yjw" });

  let missing = "no error";
  try {
    await client.getDeployment({ model_id: "yqv4yjw", deployment_id: "gone" });
  } catch (error) {
    if (!baseten.NotFoundError.isInstance(error)) throw error;
    missing = `${error.status} ${error.providerMessage ?? ""}`;
  }
  const { packageName, packageVersion } = baseten.basetenProvider;
  return JSON.stringify({
    format: "cjs",
    package: packageName,
    version: packageVersion,
    id: deployment.id,
    status: deployment.status,
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
