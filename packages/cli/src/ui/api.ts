import { randomUUID } from "node:crypto";
import type { FleetPlan, ParsedRefOf, ScalableOf } from "modelfleet";
import {
  type BuiltInFleet,
  type BuiltInProvider,
  InvalidArgumentError,
  InvalidReferenceError,
  isProviderId,
  type ModelVersion,
  type PriceTable,
  UnsupportedOperationError,
  VERSION_STATUSES,
} from "modelfleet/all";
import { FleetFileError, readFleetFile } from "modelfleet/fleet-file";
import { describeError } from "../failure.js";
import { costView, rateView } from "./cost-views.js";
import type {
  ActionRequest,
  ApplyView,
  CostView,
  DeploymentDetailView,
  DeploymentView,
  FigureView,
  ListingView,
  PlanView,
  SessionView,
} from "./view-types.js";
import { applyView, deploymentView, type Mask, planView, providerView } from "./views.js";

/** An answer the server sends as JSON with this status. */
export class HttpError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.name = "HttpError";
    this.status = status;
  }
}

/** What the API reads the fleet with. */
export interface ApiOptions {
  fleet: BuiltInFleet;
  allowChanges: boolean;
  fleetFile: string | undefined;
  mask: Mask;
  timeoutMs: number;
}

/**
 * The page's API over the fleet. Reads are GET; changes are POST and exist only with `--allow-changes`. An error
 * found before a request (a bad reference, a verb the provider lacks) is a 400; a provider's failure is a 502;
 * both carry the CLI's one-line description.
 */
export function createApi({ fleet, allowChanges, fleetFile, mask, timeoutMs }: ApiOptions) {
  // The last plan shown, so that apply changes exactly what the dialog listed, not a newer plan nobody reviewed.
  let lastPlan: { id: string; plan: FleetPlan } | undefined;
  const signal = () => AbortSignal.timeout(timeoutMs);
  const show = (version: ModelVersion) => deploymentView(version, mask);

  return {
    session(): SessionView {
      return {
        providers: fleet.providers().map(providerView),
        statuses: [...VERSION_STATUSES],
        allowChanges,
        hasPlan: fleetFile !== undefined,
      };
    },

    async listing(provider: string): Promise<ListingView> {
      if (!isProviderId(provider)) throw new HttpError(400, `unknown provider ${JSON.stringify(provider)}`);
      try {
        const { versions, failures } = await fleet.listDeployments({ providers: [provider], signal: signal() }).settled();
        const failure = failures[0];
        const rates = await ratesOf(versions);
        const deployments = versions.map((v) => {
          const rate = rates.get(v.ref);
          return rate ? { ...show(v), ratePerHour: rate } : show(v);
        });
        return { provider, deployments, failure: failure ? describeError(failure.error) : null };
      } catch (error) {
        return { provider, deployments: [], failure: describeError(error) };
      }
    },

    async cost(windowText: string): Promise<CostView> {
      const prices = await pricesOf();
      const report = await provider(() => fleet.cost({ window: windowText, ...(prices ? { prices } : {}), signal: signal() }));
      return costView(report, windowText);
    },

    async deployment(ref: string): Promise<DeploymentDetailView> {
      const parsed = checked(() => fleet.parseRef(ref));
      const version = await provider(() => fleet.getVersion(parsed, { signal: signal() }));
      const status = fleet.providers().find((p) => p.id === parsed.provider);
      // Every provider's model reference is `<provider>:<model>` in the words `ModelVersion.model` uses.
      const modelRef = modelRefOf(version);
      let versions: DeploymentView[] | null = null;
      let versionsFailure: string | null = null;
      if (modelRef !== null && fleet.capabilities(parsed.provider).listVersions) {
        try {
          versions = [];
          for await (const v of fleet.listVersions(modelRef, { signal: signal() })) versions.push(show(v));
        } catch (error) {
          versions = null;
          versionsFailure = describeError(error);
        }
      }
      return { deployment: show(version), modelRef, versions, versionsFailure, verbs: status ? providerView(status).verbs : [] };
    },

    async plan(): Promise<PlanView> {
      if (fleetFile === undefined) throw new HttpError(404, "no fleet file: start modelfleet ui with --fleet <file>");
      const desired = await checkedAsync(() => readFleetFile(fleetFile, { references: fleet }));
      const plan = await provider(() => fleet.plan(desired, { signal: signal() }));
      lastPlan = { id: randomUUID(), plan };
      return planView(lastPlan.id, fleetFile, plan);
    },

    async apply(body: unknown): Promise<ApplyView> {
      changesAllowed();
      const id = (body as { planId?: unknown } | null)?.planId;
      if (lastPlan === undefined || id !== lastPlan.id) {
        throw new HttpError(409, "this plan is no longer the latest one: refresh the plan and review it again");
      }
      const { plan } = lastPlan;
      lastPlan = undefined;
      return applyView(await fleet.apply(plan));
    },

    async action(body: unknown): Promise<DeploymentView> {
      changesAllowed();
      const request = actionOf(body);
      const parsed = checked(() => fleet.parseRef(request.ref));
      if (!fleet.capabilities(parsed.provider)[request.verb]) {
        throw new HttpError(400, `${parsed.provider} does not support ${request.verb}`);
      }
      const options = { signal: signal() };
      // The capability was checked above, so the reference's provider has the verb; the casts only forget which.
      const after: ModelVersion = await provider((): Promise<ModelVersion> => {
        switch (request.verb) {
          case "scale":
            return fleet.scale(parsed as ParsedRefOf<ScalableOf<BuiltInProvider>>, { ...options, min: request.min, max: request.max });
          case "start":
            return fleet.start(parsed as never, options);
          case "stop":
            return fleet.stop(parsed as never, options);
          case "promote":
            return fleet.promote(parsed as never, { ...options, version: request.to });
          case "rollback":
            return fleet.rollback(parsed as never, { ...options, version: request.to });
        }
      });
      return show(after);
    },
  };

  /**
   * Each listed deployment's rate per hour (prices only, no usage read), from the same versions: the rate column
   * costs one price catalogue request per provider and no second listing. Rates are a bonus: when prices cannot be
   * had, the rows show without them.
   */
  async function ratesOf(versions: ModelVersion[]): Promise<Map<string, FigureView>> {
    if (versions.length === 0) return new Map();
    try {
      const prices = await pricesOf();
      const report = await fleet.cost({ window: "24h", versions, usage: false, ...(prices ? { prices } : {}), signal: signal() });
      return new Map(report.deployments.map((d) => [d.ref, mask(rateView(d), d.provider)]));
    } catch {
      return new Map();
    }
  }

  /** The `prices:` of the `--fleet` file, read again each time, as the CLI reads it per run. */
  async function pricesOf(): Promise<PriceTable | undefined> {
    if (fleetFile === undefined) return undefined;
    return (await checkedAsync(() => readFleetFile(fleetFile, { references: fleet }))).prices;
  }

  function modelRefOf(version: ModelVersion): string | null {
    const candidate = `${version.provider}:${version.model}`;
    try {
      fleet.parseModelRef(candidate);
      return candidate;
    } catch {
      return null;
    }
  }

  function changesAllowed(): void {
    if (!allowChanges) throw new HttpError(403, "read-only: start modelfleet ui with --allow-changes to make changes");
  }
}

/** The API as {@link createApi} makes it. */
export type Api = ReturnType<typeof createApi>;

function actionOf(body: unknown): ActionRequest {
  const b = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
  const ref = typeof b.ref === "string" ? b.ref : "";
  if (ref === "") throw new HttpError(400, "ref: a version reference is required");
  const bound = (name: "min" | "max") => {
    const value = b[name];
    if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
      throw new HttpError(400, `${name}: a non-negative integer is required, got ${JSON.stringify(value) ?? "nothing"}`);
    }
    return value;
  };
  switch (b.verb) {
    case "scale": {
      const min = bound("min");
      const max = bound("max");
      if (min > max) throw new HttpError(400, `min (${min}) must not exceed max (${max})`);
      return { verb: "scale", ref, min, max };
    }
    case "start":
    case "stop":
      return { verb: b.verb, ref };
    case "promote":
    case "rollback": {
      if (typeof b.to !== "string" || b.to.trim() === "") throw new HttpError(400, "to: the version to serve is required");
      return { verb: b.verb, ref, to: b.to };
    }
    default:
      throw new HttpError(400, `verb: one of scale, start, stop, promote, rollback, got ${JSON.stringify(b.verb) ?? "nothing"}`);
  }
}

/** Runs what checks arguments before any request; its errors are the caller's (400). */
function checked<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw asUsage(error);
  }
}

async function checkedAsync<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw asUsage(error);
  }
}

function asUsage(error: unknown): unknown {
  if (
    InvalidReferenceError.isInstance(error) ||
    InvalidArgumentError.isInstance(error) ||
    UnsupportedOperationError.isInstance(error) ||
    FleetFileError.isInstance(error)
  ) {
    return new HttpError(400, describeError(error));
  }
  return error;
}

/** Runs a provider call; a bad argument it finds first is a 400, a provider's failure a 502. */
async function provider<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const usage = asUsage(error);
    throw usage instanceof HttpError ? usage : new HttpError(502, describeError(error));
  }
}
