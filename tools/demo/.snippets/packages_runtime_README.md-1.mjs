import { NotFoundError } from "@modelfleet/sieve";
try {
  await sieve.getVersion({ owner_name: "acme", function_name: "whisper", version_slug: "missing" });
} catch (error) {
  if (NotFoundError.isInstance(error)) console.log(error.status, error.providerMessage, error.requestId);
}
