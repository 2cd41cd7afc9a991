import { fileURLToPath } from "node:url";
import { describeFixtures } from "@modelfleet/test-utils/fixtures";

describeFixtures({
  spec: fileURLToPath(new URL("../../../specs/sieve.yaml", import.meta.url)),
  dir: fileURLToPath(new URL("../test/fixtures", import.meta.url)),
  fixtures: {
    "legacy-version.seed.json": {
      operationId: "getVersion",
      status: 200,
      source: "Sieve's hand-written 'Get Function Version' page, before the reference was generated",
    },
  },
});
