import { json } from "@modelfleet/test-utils";
import { adapterHarness, RefusedWrite, routedFetch } from "@modelfleet/test-utils/fleet";
import { describe, expect, it } from "vitest";
import notFoundSeed from "../../test/fixtures/error-not-found.seed.json";
import revisionSeed from "../../test/fixtures/revision-list.seed.json";
import { opper } from "../fleet.js";
import { AuthenticationError, InvalidArgumentError, NotFoundError } from "../index.js";

const OPPER = "https://api.opper.ai/v3";
const KEY = "opper-key-SECRET";
const FN = `${OPPER}/functions/summarize-ticket`;

const revision1 = {
  revision_id: 1,
  source: "def run(input): ...",
  schema_hash: "9f2c61d4a07b",
  created_at: "2026-03-02T10:15:42Z",
  input_schema: { type: "object" },
  output_schema: { type: "object" },
};
const revisions = {
  revisions: [
    { revision_id: 1, created_at: "2026-03-02T10:15:42Z", schema_hash: "9f2c61d4a07b", is_current: false },
    { revision_id: 2, created_at: "2026-03-09T08:30:05Z", schema_hash: "9f2c61d4a07b", is_current: true },
  ],
};
const summarize = {
  name: "summarize-ticket",
  schema_hash: "9f2c61d4a07b",
  generated_at: "2026-03-02T10:15:42Z",
  hit_count: 1284,
  has_script: true,
};
const classify = {
  name: "support/classify-intent",
  schema_hash: "41be09c7d3aa",
  generated_at: "2026-03-05T16:02:11Z",
  hit_count: 0,
  has_script: false,
};

function fleetWith(routes: Parameters<typeof routedFetch>[0], concurrency?: number) {
  const fake = routedFetch(routes);
  const fleet = adapterHarness(opper(), { fetch: fake.fetch, maxRetries: 0 }, { OPPER_API_KEY: KEY }, concurrency);
  return { fleet, requests: fake.requests };
}

describe("opper (v3) through the fleet", () => {
  it("getVersion reads the revision and the revision listing, which says whether it is current", async () => {
    const { fleet, requests } = fleetWith({
      [`GET ${FN}/revisions/2`]: json(200, { ...revision1, revision_id: 2, created_at: "2026-03-09T08:30:05Z" }),
      [`GET ${FN}/revisions`]: json(200, revisions),
    });
    const version = await fleet.getVersion("opper:summarize-ticket@2");
    expect(requests.map((r) => [r.method, r.url.pathname, r.headers.get("authorization")]).sort()).toEqual([
      ["GET", "/v3/functions/summarize-ticket/revisions", `Bearer ${KEY}`],
      ["GET", "/v3/functions/summarize-ticket/revisions/2", `Bearer ${KEY}`],
    ]);
    expect(version).toEqual({
      ref: "opper:summarize-ticket@2",
      provider: "opper",
      model: "summarize-ticket",
      version: "2",
      status: "ready",
      providerStatus: null,
      createdAt: new Date("2026-03-09T08:30:05Z"),
      updatedAt: null,
      scaling: null,
      replicas: null,
      hardware: null,
      raw: { ...revision1, revision_id: 2, created_at: "2026-03-09T08:30:05Z" },
    });
  });

  it("getVersion: a revision that is not current is stopped; one the listing does not show is unknown", async () => {
    const { fleet } = fleetWith({
      [`GET ${FN}/revisions/1`]: json(200, revision1),
      [`GET ${FN}/revisions/3`]: json(200, { ...revision1, revision_id: 3 }),
      [`GET ${FN}/revisions`]: json(200, revisions),
    });
    await expect(fleet.getVersion("opper:summarize-ticket@1")).resolves.toMatchObject({ version: "1", status: "stopped" });
    await expect(fleet.getVersion("opper:summarize-ticket@3")).resolves.toMatchObject({ version: "3", status: "unknown" });
  });

  it("getVersion: a name with `/` is sent as one encoded segment; a missing revision is NotFoundError", async () => {
    const { fleet, requests } = fleetWith({
      [`GET ${OPPER}/functions/support%2Fclassify-intent/revisions/9`]: json(404, notFoundSeed),
      [`GET ${OPPER}/functions/support%2Fclassify-intent/revisions`]: json(200, { revisions: [] }),
    });
    const error = await fleet.getVersion("opper:support/classify-intent@9").catch((e: unknown) => e);
    expect(NotFoundError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 404, operationId: "getRevision", providerMessage: "not found" });
    expect(requests.every((r) => r.url.pathname.startsWith("/v3/functions/support%2Fclassify-intent/"))).toBe(true);
  });

  it("listVersions yields every revision from one unpaged request, current ready and the others stopped", async () => {
    const { fleet, requests } = fleetWith({ [`GET ${FN}/revisions`]: json(200, revisions) });
    const versions = [];
    for await (const v of fleet.listVersions("opper:summarize-ticket")) versions.push(v);
    expect(versions.map((v) => [v.ref, v.version, v.status, v.createdAt?.toISOString()])).toEqual([
      ["opper:summarize-ticket@1", "1", "stopped", "2026-03-02T10:15:42.000Z"],
      ["opper:summarize-ticket@2", "2", "ready", "2026-03-09T08:30:05.000Z"],
    ]);
    expect(requests).toHaveLength(1);
    expect(requests[0]?.url.search).toBe("");
  });

  it("listVersions: the SDK's sample (empty created_at) and odd entries normalize without a crash", async () => {
    const odd = { revisions: [...revisionSeed.revisions, { revision_id: "7", is_current: "yes" }, null, { revision_id: -1 }] };
    const { fleet } = fleetWith({ [`GET ${FN}/revisions`]: json(200, odd) });
    const versions = [];
    for await (const v of fleet.listVersions("opper:summarize-ticket")) versions.push(v);
    expect(versions.map((v) => [v.ref, v.status, v.createdAt])).toEqual([
      ["opper:summarize-ticket@1", "ready", null],
      ["opper:summarize-ticket@7", "unknown", null],
      ["opper:summarize-ticket@", "unknown", null],
      ["opper:summarize-ticket@", "unknown", null],
    ]);
  });

  it.each([{ revisions: { 1: "x" } }, null, "revisions", [1, 2]])(
    "listVersions: an answer without a revisions array (%j) yields nothing",
    async (body) => {
      const { fleet } = fleetWith({ [`GET ${FN}/revisions`]: json(200, body) });
      const versions = [];
      for await (const v of fleet.listVersions("opper:summarize-ticket")) versions.push(v);
      expect(versions).toEqual([]);
    },
  );

  it.each([null, 42, { functions: null }])("listDeployments: a function listing that is not one (%j) yields nothing", async (body) => {
    const { fleet, requests } = fleetWith({ [`GET ${OPPER}/functions`]: json(200, body) });
    await expect(fleet.listDeployments()).resolves.toEqual([]);
    expect(requests).toHaveLength(1);
  });

  it("listDeployments yields each function at its current revision, read from its revision listing", async () => {
    const { fleet, requests } = fleetWith({
      [`GET ${OPPER}/functions`]: json(200, { functions: [summarize, classify] }),
      [`GET ${FN}/revisions`]: json(200, revisions),
      [`GET ${OPPER}/functions/support%2Fclassify-intent/revisions`]: json(200, {
        revisions: [{ revision_id: 1, created_at: "2026-03-05T16:02:11Z", schema_hash: "41be09c7d3aa", is_current: true }],
      }),
    });
    const versions = await fleet.listDeployments();
    expect(versions.map((v) => [v.ref, v.model, v.version, v.status, v.createdAt?.toISOString(), v.updatedAt?.toISOString()])).toEqual([
      ["opper:summarize-ticket@2", "summarize-ticket", "2", "ready", "2026-03-02T10:15:42.000Z", "2026-03-09T08:30:05.000Z"],
      // No cached script: the next call generates one.
      [
        "opper:support/classify-intent@1",
        "support/classify-intent",
        "1",
        "pending",
        "2026-03-05T16:02:11.000Z",
        "2026-03-05T16:02:11.000Z",
      ],
    ]);
    expect(versions[0]?.raw).toEqual(summarize);
    expect(requests).toHaveLength(3);
  });

  it("listDeployments reads at most `concurrency` revision listings at once", async () => {
    let inFlight = 0;
    let peak = 0;
    const names = Array.from({ length: 6 }, (_, i) => `fn-${i}`);
    const routes: Parameters<typeof routedFetch>[0] = {
      [`GET ${OPPER}/functions`]: json(200, { functions: names.map((name) => ({ ...summarize, name })) }),
    };
    for (const name of names) {
      routes[`GET ${OPPER}/functions/${name}/revisions`] = async () => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        await new Promise((resolve) => setImmediate(resolve));
        inFlight--;
        return json(200, { revisions: [{ revision_id: 4, created_at: "2026-01-01T00:00:00Z", schema_hash: "h", is_current: true }] });
      };
    }
    const { fleet } = fleetWith(routes, 2);
    const versions = await fleet.listDeployments();
    expect(versions.map((v) => v.ref)).toEqual(names.map((name) => `opper:${name}@4`));
    expect(peak).toBe(2);
  });

  it("listDeployments: a function deleted between the two reads is shown as deleted, not a failure", async () => {
    const { fleet } = fleetWith({
      [`GET ${OPPER}/functions`]: json(200, { functions: [summarize, classify] }),
      [`GET ${FN}/revisions`]: json(200, revisions),
      [`GET ${OPPER}/functions/support%2Fclassify-intent/revisions`]: json(404, notFoundSeed),
    });
    const versions = await fleet.listDeployments();
    expect(versions.map((v) => [v.ref, v.status])).toEqual([
      ["opper:summarize-ticket@2", "ready"],
      ["opper:support/classify-intent@current", "deleted"],
    ]);
  });

  it("listDeployments: any other error of a revision listing is reported for that function alone; the others stand", async () => {
    const { fleet } = fleetWith({
      [`GET ${OPPER}/functions`]: json(200, { functions: [summarize, classify] }),
      [`GET ${FN}/revisions`]: new Response(null, { status: 401 }),
      [`GET ${OPPER}/functions/support%2Fclassify-intent/revisions`]: json(200, revisions),
    });
    const { versions, failed } = await fleet.listDeploymentsReporting();
    expect(versions.map((v) => v.ref)).toEqual(["opper:support/classify-intent@2"]);
    expect(failed.map(([item]) => item)).toEqual(["opper:summarize-ticket"]);
    expect(AuthenticationError.isInstance(failed[0]?.[1])).toBe(true);
    expect(failed[0]?.[1]).toMatchObject({ operationId: "listRevisions" });
    // A caller that cannot report per item gets the failure, as before.
    const error = await fleet.listDeployments().catch((e: unknown) => e);
    expect(AuthenticationError.isInstance(error)).toBe(true);
  });

  it("listDeployments: odd listing entries never crash; an entry without a name reads no revisions", async () => {
    const { fleet, requests } = fleetWith({
      [`GET ${OPPER}/functions`]: json(200, { functions: [{ has_script: "true" }, 42, { name: "x", has_script: null, generated_at: "" }] }),
      [`GET ${OPPER}/functions/x/revisions`]: json(200, { revisions: "none" }),
    });
    const versions = await fleet.listDeployments();
    expect(versions.map((v) => [v.ref, v.status, v.createdAt])).toEqual([
      ["opper:@current", "ready", null],
      ["opper:@current", "unknown", null],
      ["opper:x@current", "unknown", null],
    ]);
    expect(requests.map((r) => r.url.pathname)).toEqual(["/v3/functions", "/v3/functions/x/revisions"]);
  });

  it("rollback of @current POSTs Opper's revert, then reads the revision the function runs now", async () => {
    let current = 2;
    const { fleet, requests } = fleetWith({
      [`POST ${FN}/revisions/1/revert`]: () => {
        current = 1;
        return json(200, { ...summarize, source: "def run(input): ...", input_schema: {}, output_schema: {} });
      },
      [`GET ${FN}/revisions/1`]: json(200, revision1),
      [`GET ${FN}/revisions/2`]: json(200, { ...revision1, revision_id: 2, created_at: "2026-03-09T08:30:05Z" }),
      [`GET ${FN}/revisions`]: () =>
        json(200, { revisions: revisions.revisions.map((r) => ({ ...r, is_current: r.revision_id === current })) }),
    });
    await expect(fleet.getVersion("opper:summarize-ticket@current")).resolves.toMatchObject({
      ref: "opper:summarize-ticket@2",
      version: "2",
      status: "ready",
    });
    const after = await fleet.rollback("opper:summarize-ticket@current", "1");
    expect(after).toMatchObject({ ref: "opper:summarize-ticket@1", version: "1", status: "ready" });
    expect(requests.filter((r) => r.method === "POST").map((r) => [r.url.pathname, r.headers.get("authorization")])).toEqual([
      ["/v3/functions/summarize-ticket/revisions/1/revert", `Bearer ${KEY}`],
    ]);
    await expect(fleet.getVersion("opper:summarize-ticket@1")).resolves.toMatchObject({ status: "ready" });
  });

  it("rollback refuses a numbered reference or a version that is not a revision number, before any request", async () => {
    const { fleet, requests } = fleetWith({});
    await expect(fleet.rollback("opper:summarize-ticket@2", "1")).rejects.toSatisfy(
      (e: unknown) => e instanceof RefusedWrite && e.argument === "ref" && /@current/.test(e.message),
    );
    await expect(fleet.rollback("opper:summarize-ticket@current", "one")).rejects.toSatisfy(
      (e: unknown) => e instanceof RefusedWrite && e.argument === "version",
    );
    expect(requests).toHaveLength(0);
  });

  it("@current of a function whose listing marks no revision current is an InvalidArgumentError naming it", async () => {
    const { fleet } = fleetWith({
      [`GET ${FN}/revisions`]: json(200, { revisions: revisions.revisions.map((r) => ({ ...r, is_current: false })) }),
    });
    await expect(fleet.getVersion("opper:summarize-ticket@current")).rejects.toSatisfy(
      (e: unknown) => e instanceof InvalidArgumentError && /names no revision/.test(e.message),
    );
  });

  it("references: by function name (with `/` parts) and revision number; anything else is refused before a request", () => {
    const provider = opper({ apiKey: KEY });
    const bad = (why: string): never => {
      throw new Error(why);
    };
    expect(provider.versionRef.parse("summarize-ticket@12", bad)).toEqual({ functionName: "summarize-ticket", revisionId: 12 });
    expect(provider.versionRef.parse("support/classify-intent@1", bad)).toEqual({ functionName: "support/classify-intent", revisionId: 1 });
    expect(provider.versionRef.format({ functionName: "support/classify-intent", revisionId: 1 })).toBe("support/classify-intent@1");
    expect(provider.versionRef.parse("summarize-ticket@current", bad)).toEqual({ functionName: "summarize-ticket", revisionId: "current" });
    expect(provider.versionRef.format({ functionName: "a/b", revisionId: "current" })).toBe("a/b@current");
    expect(provider.modelRef.parse("support/classify-intent", bad)).toEqual({ functionName: "support/classify-intent" });
    expect(provider.modelRef.format({ functionName: "a/b" })).toBe("a/b");
    for (const [rest, why] of [
      ["summarize-ticket", /exactly one @/],
      ["summarize-ticket@", /revision id "" is not a whole number/],
      ["summarize-ticket@latest", /revision id "latest"/],
      ["summarize-ticket@-1", /not a whole number/],
      ["summarize-ticket@1.5", /not a whole number/],
      ["summarize-ticket@01", /not a whole number/],
      ["summarize-ticket@99999999999999999", /not a whole number/],
      ["@1", /function name is empty/],
      ["a/../b@1", /function name "a\/..\/b"/],
      ["/lead@1", /function name/],
      ["two words@1", /function name/],
      ["a@b@1", /exactly one @/],
    ] as const) {
      expect(() => provider.versionRef.parse(rest, bad), rest).toThrow(why);
    }
    for (const rest of ["", "..", "a//b", "a:b", "trail/"]) {
      expect(() => provider.modelRef.parse(rest, bad), rest).toThrow(/function name/);
    }
  });

  it("declares no scaling: the flag is false, there is no scale method, and the reason is given for the facade's error", () => {
    const provider = opper({ apiKey: KEY });
    expect(provider.id).toBe("opper");
    expect(provider.envVar).toBe("OPPER_API_KEY");
    expect(provider.capabilities).toEqual({ getVersion: true, listVersions: true, listDeployments: true, scale: false, rollback: true });
    expect(provider.scale).toBeUndefined();
    expect(provider.unsupported?.scale).toMatch(/serverless/);
  });
});
