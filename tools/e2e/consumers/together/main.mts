// An ES module consumer of @modelfleet/together, compiled by the release test in a project outside the repository.
import { createTogetherClient, NotFoundError, type TogetherClient, type TogetherEndpoint, togetherProvider } from "@modelfleet/together";

const [, , baseUrl = "", apiKey = ""] = (globalThis as unknown as { process: { argv: string[] } }).process.argv;

const together: TogetherClient = createTogetherClient({ apiKey, baseUrl, maxRetries: 0 });
const endpoint: TogetherEndpoint = await together.getEndpoint({ endpointId: "endpoint-d23901de-ef8f-44bf-b3e7-de9c1ca8f2d7" });

let missing = "no error";
try {
  await together.getEndpoint({ endpointId: "endpoint-gone" });
} catch (error) {
  if (!NotFoundError.isInstance(error)) throw error;
  missing = `${error.status} ${error.providerMessage ?? ""}`;
}

console.log(
  JSON.stringify({
    format: "esm",
    package: togetherProvider.packageName,
    version: togetherProvider.packageVersion,
    id: endpoint.id,
    status: endpoint.state,
    missing,
  }),
);
