import type { ConsumerScenario } from "./consumer.js";
import { SIEVE_VERSION } from "./fake-api.js";

/**
 * The packages installed alone into fresh projects. `version` is filled in with the published version: it proves the
 * build that was published ran after `changeset version` (the version is inlined at build time).
 */
export function scenarios(published: ReadonlyMap<string, string>): ConsumerScenario[] {
  const list: ConsumerScenario[] = [
    {
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
  return list;
}
