// A CommonJS consumer of @modelfleet/together, compiled by the release test in a project outside the repository.
import together = require("@modelfleet/together");

async function main(argv: string[]): Promise<string> {
  const [, , baseUrl = "", apiKey = ""] = argv;
  const client: together.TogetherClient = together.createTogetherClient({ apiKey, baseUrl, maxRetries: 0 });
  const endpoint: together.TogetherEndpoint = await client.getEndpoint({ endpointId: "endpoint-d23901de-ef8f-44bf-b3e7-de9c1ca8f2d7" });

  let missing = "no error";
  try {
    await client.getEndpoint({ endpointId: "endpoint-gone" });
  } catch (error) {
    if (!together.NotFoundError.isInstance(error)) throw error;
    missing = `${error.status} ${error.providerMessage ?? ""}`;
  }
  const { packageName, packageVersion } = together.togetherProvider;
  return JSON.stringify({ format: "cjs", package: packageName, version: packageVersion, id: endpoint.id, status: endpoint.state, missing });
}

const host = globalThis as unknown as { process: { argv: string[]; exitCode?: number } };
main(host.process.argv).then(
  (line) => console.log(line),
  (error: unknown) => {
    console.error(error);
    host.process.exitCode = 1;
  },
);
