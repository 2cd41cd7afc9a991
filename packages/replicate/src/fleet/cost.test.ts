import { json } from "@modelfleet/test-utils";
import { adapterHarness, costContext, routedFetch } from "@modelfleet/test-utils/fleet";
import { describe, expect, it } from "vitest";
import { replicate } from "../fleet.js";
import { normalizeReplicateDeployment } from "./normalize.js";

const REPLICATE = "https://api.replicate.com/v1";
const KEY = "r8_replicate-key-SECRET";

const deployment = (owner: string, name: string) =>
  normalizeReplicateDeployment({
    owner,
    name,
    current_release: {
      number: 1,
      model: "stability-ai/sdxl",
      version: "da77bc59",
      created_at: "2026-02-15T16:32:57.018467Z",
      created_by: { type: "organization", username: owner },
      configuration: { hardware: "gpu-t4", min_instances: 1, max_instances: 5 },
    },
  } as never);

const prediction = (id: string, deployment?: string) => ({
  id,
  model: "stability-ai/sdxl",
  version: "da77bc59",
  ...(deployment === undefined ? {} : { deployment }),
  status: "succeeded",
  created_at: "2026-03-07T16:19:34.907244Z",
});

function fleetWith(routes: Parameters<typeof routedFetch>[0]) {
  const fake = routedFetch(routes);
  const fleet = adapterHarness(replicate(), { fetch: fake.fetch, maxRetries: 0 }, { REPLICATE_API_TOKEN: KEY });
  return { fleet, requests: fake.requests };
}

describe("replicate usage", () => {
  const window = { from: new Date("2026-03-01T00:00:00Z"), to: new Date("2026-03-08T00:00:00Z") };
  const first = `GET ${REPLICATE}/predictions?created_after=2026-03-01T00%3A00%3A00.000Z&created_before=2026-03-08T00%3A00%3A00.000Z`;
  const second = `GET ${REPLICATE}/predictions?cursor=p2`;

  it("counts the window's predictions per deployment over every page, walked once for all deployments", async () => {
    const { fleet, requests } = fleetWith({
      [first]: json(200, {
        next: `${REPLICATE}/predictions?cursor=p2`,
        previous: null,
        results: [prediction("p1", "acme/image-gen"), prediction("p2", "acme/image-gen"), prediction("p3"), prediction("p4", "acme/tts")],
      }),
      [second]: json(200, { next: null, previous: null, results: [prediction("p5", "acme/image-gen"), { id: "odd", deployment: 42 }] }),
    });
    const context = costContext();
    const usages = await Promise.all(
      [deployment("acme", "image-gen"), deployment("acme", "tts"), deployment("acme", "idle")].map((d) => fleet.usage(d, window, context)),
    );
    expect(usages).toEqual([{ requests: 3 }, { requests: 1 }, { requests: 0 }]);
    expect(requests.map((r) => `${r.method} ${r.url.href}`)).toEqual([
      `GET ${REPLICATE}/predictions?created_after=2026-03-01T00%3A00%3A00.000Z&created_before=2026-03-08T00%3A00%3A00.000Z`,
      `GET ${REPLICATE}/predictions?cursor=p2`,
    ]);
    expect(requests[0]?.headers.get("authorization")).toBe(`Bearer ${KEY}`);
  });

  it("a model version is not a deployment and gets no figures; a failed page fails the usage", async () => {
    const { fleet, requests } = fleetWith({ [first]: json(500, { detail: "boom" }) });
    const modelVersion = { ...deployment("acme", "x"), ref: "replicate:acme/model@v1" as const };
    await expect(fleet.usage(modelVersion, window)).resolves.toEqual({});
    expect(requests).toHaveLength(0);
    await expect(fleet.usage(deployment("acme", "image-gen"), window)).rejects.toMatchObject({ status: 500 });
  });

  it("has no price: the reason says to use a price table", () => {
    expect(replicate().unsupported?.price).toMatch(/price table/);
  });
});
