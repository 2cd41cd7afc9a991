import {
  ConfigurationError,
  type DeploymentCost,
  isProviderId,
  ModelfleetError,
  type ModelVersion,
  PROVIDER_IDS,
  type ProviderFailure,
  type ProviderId,
  VERSION_STATUSES,
  type VersionStatus,
} from "modelfleet/all";
import { listValues } from "../args.js";
import type { Context } from "../context.js";
import { formatMoney } from "../cost-output.js";
import { DeadlineError } from "../deadline.js";
import { describeError, EXIT, type ExitCode } from "../failure.js";
import { escapeControls, formatCount, formatDate, formatScaling, formatStatus, formatVersion, renderTable, toJson } from "../output.js";
import { startProgress } from "../progress.js";
import { UsageError } from "../usage.js";

/** `modelfleet ls`: every configured provider's deployments; exit 3 when some providers failed and others answered. */
export async function ls(context: Context): Promise<ExitCode> {
  const { fleet, io } = context;
  const named = checkProviders(listValues(context.values.provider), context.usage);
  const status = checkStatuses(listValues(context.values.status), context.usage);
  const providers = named ?? fleet.providers().flatMap((p) => (p.configured ? [p.id] : []));
  if (providers.length === 0) {
    // Providers may share a variable (Opper v3 and v2 both read OPPER_API_KEY): name each once.
    const vars = [...new Set(fleet.providers().map((p) => p.envVar))];
    throw new ConfigurationError("apiKey", `no provider is configured: set at least one of ${vars.join(", ")}`);
  }

  // One listing (created before any request, so an unconfigured provider fails first, naming its variable); its
  // per-provider event drives the progress line, which says who is still being waited for, and collects what
  // each provider produced, so that when --timeout ends the listing the answers already in are still shown.
  const waiting = new Set<string>(providers);
  let versions: ModelVersion[] = [];
  let failures: ProviderFailure[] = [];
  const listing = fleet.listDeployments({
    providers,
    status,
    signal: context.deadline(),
    onProviderSettled: (outcome) => {
      waiting.delete(outcome.provider);
      if (outcome.versions === undefined) failures.push({ provider: outcome.provider, error: outcome.error });
      else for (const version of outcome.versions) versions.push(version);
      progress.update(progressText(waiting, providers.length));
    },
  });
  const progress = startProgress(io.stderr, progressText(waiting, providers.length));
  try {
    // The settled result also holds what the per-provider event does not carry (items a provider sent unusable).
    ({ versions, failures } = await listing.settled());
  } catch (error) {
    if (!(error instanceof DeadlineError)) throw error;
    for (const provider of waiting) failures.push({ provider, error });
  } finally {
    progress.stop();
  }

  // --cost: one price read per provider for what was listed (its catalogue, loaded once), no usage reads.
  let rates: Map<string, DeploymentCost["ratePerHour"]> | undefined;
  const unanswered = new Set(failures.map((f) => f.provider)).size;
  if (context.values.cost === true && versions.length) {
    const report = await fleet.cost({ window: "1h", versions, usage: false, signal: context.deadline() });
    rates = new Map(report.deployments.map((d) => [d.ref, d.ratePerHour]));
    failures.push(...report.failures);
  }

  const order = (p: string) => PROVIDER_IDS.indexOf(p as ProviderId);
  versions.sort((a, b) => order(a.provider) - order(b.provider) || a.ref.localeCompare(b.ref));
  failures.sort((a, b) => order(a.provider) - order(b.provider));

  if (context.json) {
    const deployments = versions.map((v) => {
      const shown = context.shown(v, v.provider);
      return rates ? { ...shown, ratePerHour: rates.get(v.ref) ?? null } : shown;
    });
    io.stdout.write(toJson({ deployments, failures: failures.map((f) => context.shown(failureJson(f), f.provider)) }));
  } else {
    io.stdout.write(`${versions.length ? table(versions, context, rates) : "No deployments."}\n`);
    for (const failure of failures) {
      io.stderr.write(`${context.err.yellow("warning:")} ${failure.provider} failed: ${describeError(failure.error)}\n`);
    }
    if (failures.length) {
      const answered = providers.length - unanswered;
      io.stderr.write(`${answered} of ${providers.length} providers answered; the list above lacks the others' deployments.\n`);
    }
  }
  if (failures.length === 0) return EXIT.ok;
  return unanswered === providers.length ? EXIT.failed : EXIT.partial;
}

function table(versions: readonly ModelVersion[], { out }: Context, rates: Map<string, DeploymentCost["ratePerHour"]> | undefined): string {
  return renderTable(
    ["PROVIDER", "REFERENCE", "MODEL", "VERSION", "STATUS", "SCALING", "REPLICAS", "UPDATED", ...(rates ? ["RATE/HOUR"] : [])],
    versions.map((v) => {
      const row = [
        v.provider,
        escapeControls(v.ref),
        escapeControls(v.model),
        formatVersion(v.version),
        formatStatus(v, out),
        formatScaling(v.scaling),
        formatCount(v.replicas),
        formatDate(v.updatedAt),
      ];
      if (rates) {
        const rate = rates.get(v.ref);
        row.push(rate ? formatMoney(rate) : "?");
      }
      return row;
    }),
    out,
  );
}

/** The progress line of a fan-out: who is still being waited for. */
export function progressText(waiting: ReadonlySet<string>, total: number): string {
  return `waiting for ${[...waiting].join(", ")} (${total - waiting.size}/${total} answered)`;
}

function failureJson({ provider, error }: ProviderFailure) {
  return { provider, error: ModelfleetError.isInstance(error) ? error.toJSON() : { message: describeError(error) } };
}

export function checkProviders(values: string[], usage: string): ProviderId[] | undefined {
  if (values.length === 0) return undefined;
  for (const value of values) {
    if (!isProviderId(value)) {
      throw new UsageError(`unknown provider ${JSON.stringify(value)}; known providers: ${PROVIDER_IDS.join(", ")}`, usage);
    }
  }
  return [...new Set(values as ProviderId[])];
}

function checkStatuses(values: string[], usage: string): VersionStatus[] | undefined {
  if (values.length === 0) return undefined;
  for (const value of values) {
    if (!(VERSION_STATUSES as readonly string[]).includes(value)) {
      throw new UsageError(`unknown status ${JSON.stringify(value)}; known statuses: ${VERSION_STATUSES.join(", ")}`, usage);
    }
  }
  return values as VersionStatus[];
}
