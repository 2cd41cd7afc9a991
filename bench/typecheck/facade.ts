// The facade across all four providers: typed references, the normalized ModelVersion narrowed per provider,
// listings, scaling and the escape hatch to a generated client.
import { createFleet, type ModelVersion } from "modelfleet/all";

const fleet = createFleet({
  sieve: { apiKey: "k", baseUrl: "http://127.0.0.1:9" },
  modzy: { apiKey: "k", baseUrl: "http://127.0.0.1:9" },
  deepinfra: { apiKey: "k", baseUrl: "http://127.0.0.1:9" },
  opper: { apiKey: "k", baseUrl: "http://127.0.0.1:9" },
});

function describe(v: ModelVersion): string {
  if (v.provider === "deepinfra") return `${v.ref} ${v.raw.model_name}`;
  if (v.provider === "sieve") return `${v.ref} ${v.raw.id}`;
  return `${v.ref} ${v.status} ${v.providerStatus ?? ""}`;
}

export async function acrossProviders(): Promise<string[]> {
  const out: string[] = [];
  const sieve = await fleet.getVersion("sieve:acme/whisper@latest");
  const modzy = await fleet.getVersion("modzy:ed542963de@1.0.1");
  const deepinfra = await fleet.getVersion("deepinfra:fkj843kjh8");
  const opper = await fleet.getVersion("opper:3c90c3cc-0d44-4b50-8888-8dd25736052a@7f5b0a5e");
  out.push(sieve.raw.id, modzy.version, deepinfra.raw.deploy_id, opper.model, describe(sieve));
  for await (const v of fleet.listVersions("opper:3c90c3cc-0d44-4b50-8888-8dd25736052a")) out.push(describe(v));
  for await (const d of fleet.listDeployments({ providers: ["deepinfra", "modzy"], status: "ready" })) out.push(describe(d));
  const scaled = await fleet.scale("deepinfra:fkj843kjh8", { min: 0, max: 2 });
  out.push(`${scaled.scaling?.max ?? 0}`);
  const raw = await fleet.client("deepinfra").getGpuAvailability();
  out.push(String(raw.gpus.length));
  return out;
}
