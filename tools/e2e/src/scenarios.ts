import type { ConsumerScenario } from "./consumer.js";
import { BASETEN_DEPLOYMENT, HF_ENDPOINT, REPLICATE_DEPLOYMENT, SIEVE_VERSION, TOGETHER_ENDPOINT } from "./fake-api.js";

/**
 * The packages installed alone into fresh projects. `version` is filled in with the published version: it proves the
 * build that was published ran after `changeset version` (the version is inlined at build time).
 */
export function scenarios(published: ReadonlyMap<string, string>): ConsumerScenario[] {
  const list: ConsumerScenario[] = [
    {
      kind: "library",
      packageName: "@modelfleet/sieve",
      fixture: "sieve",
      expected: {
        package: "@modelfleet/sieve",
        version: published.get("@modelfleet/sieve"),
        id: SIEVE_VERSION.id,
        status: SIEVE_VERSION.build_status,
        missing: "404 version not found",
      },
    },
  ];
  // Provider packages added after the first release, once they are in the repository.
  if (published.has("@modelfleet/replicate")) {
    list.push({
      kind: "library",
      packageName: "@modelfleet/replicate",
      fixture: "replicate",
      expected: {
        package: "@modelfleet/replicate",
        version: published.get("@modelfleet/replicate"),
        release: REPLICATE_DEPLOYMENT.current_release.number,
        hardware: REPLICATE_DEPLOYMENT.current_release.configuration.hardware,
        normalized: REPLICATE_DEPLOYMENT.current_release.version,
        missing: "404 Not found.",
      },
    });
  }
  if (published.has("@modelfleet/huggingface")) {
    list.push({
      kind: "library",
      packageName: "@modelfleet/huggingface",
      fixture: "huggingface",
      expected: {
        package: "@modelfleet/huggingface",
        version: published.get("@modelfleet/huggingface"),
        state: HF_ENDPOINT.status.state,
        maxReplica: HF_ENDPOINT.compute.scaling.maxReplica,
        // scaledToZero: healthy, woken by the next request.
        normalized: "ready",
        missing: "404 Endpoint not found",
      },
    });
  }
  // Providers added later, each installed alone as well.
  for (const [packageName, fixture, id, status, missing] of [
    ["@modelfleet/baseten", "baseten", BASETEN_DEPLOYMENT.id, BASETEN_DEPLOYMENT.status, "404 Not found."],
    ["@modelfleet/together", "together", TOGETHER_ENDPOINT.id, TOGETHER_ENDPOINT.state, "404 version not found"],
  ] as const) {
    if (!published.has(packageName)) continue;
    list.push({
      kind: "library",
      packageName,
      fixture,
      expected: { package: packageName, version: published.get(packageName), id, status, missing },
    });
  }
  // The facade, once it is in the repository (it ships with the providers from then on).
  if (published.has("modelfleet")) {
    list.push({
      kind: "library",
      packageName: "modelfleet",
      fixture: "modelfleet",
      expected: {
        package: "modelfleet",
        ref: `sieve:acme/whisper@${SIEVE_VERSION.id}`,
        status: "ready",
        // Sieve's timestamps are UTC without an offset; the facade must not read them as local time.
        createdAt: "2024-12-15T01:41:59.195Z",
        scaling: { min: SIEVE_VERSION.minimum_replicas, max: SIEVE_VERSION.maximum_replicas },
        hardware: SIEVE_VERSION.compute_type,
        missing: "404 version not found",
        // The fleet file entry, without ajv installed: its validator is compiled into the package.
        fleetFile: {
          deployments: 1,
          problem: 'fleet.yaml:3:12: deployments[0].state: state must be one of running, stopped, got "paused"',
        },
      },
    });
  }
  // The command line, through the bin npm links for it.
  if (published.has("@modelfleet/cli")) {
    list.push({
      kind: "bin",
      packageName: "@modelfleet/cli",
      fixture: "cli",
      bin: "modelfleet",
      args: (apiUrl) => ["get", "sieve:acme/whisper@latest", "--json", "--base-url", `sieve=${apiUrl}`],
      env: (apiKey) => ({ SIEVE_API_KEY: apiKey }),
      expected: {
        ref: `sieve:acme/whisper@${SIEVE_VERSION.id}`,
        provider: "sieve",
        status: "ready",
        createdAt: "2024-12-15T01:41:59.195Z",
        hardware: SIEVE_VERSION.compute_type,
      },
    });
  }
  return list;
}
