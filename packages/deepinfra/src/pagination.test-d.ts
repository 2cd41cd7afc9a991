import { describe, it } from "vitest";
import type { DeepInfraClient } from "./index.js";

declare const deepinfra: DeepInfraClient;

describe("@modelfleet/deepinfra", () => {
  it("declares its list unpaged: no iterator", () => {
    // @ts-expect-error: DeepInfra returns every deployment at once (`x-modelfleet-pagination: false`)
    deepinfra.listDeploymentsAll;
    // @ts-expect-error: see above
    deepinfra.listDeploymentsPages;
  });
});
