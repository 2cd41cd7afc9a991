import {
  type DeploymentCost,
  isProviderId,
  ModelfleetError,
  type ModelVersion,
  noProviderConfigured,
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
import {
  type Column,
  escapeControls,
  formatCount,
  formatDate,
  formatScaling,
  formatStatus,
  formatVersion,
  renderColumns,
  terminalWidth,
  toJson,
} from "../output.js";
import { startProgress } from "../progress.js";
import { UsageError } from "../usage.js";

/** `modelfleet ls`: every configured provider's deployments; exit 3 when something failed and something was listed. */
export async function ls(context: Context): Promise<ExitCode> {
  const { fleet, io } = context;
  const named = checkProviders(listValues(context.values.provider), context.usage);
  const status = checkStatuses(listValues(context.values.status), context.usage);
  const providers = named ?? fleet.providers().flatMap((p) => (p.configured ? [p.id] : []));
  if (providers.length === 0) {
    throw noProviderConfigured(fleet.providers());
  }

  // One listing (created before any request, so an unconfigured provider fails first, naming its variable); its
  // per-provider event drives the progress line, which says who is still being waited for, and collects what
  // each provider produced, so that when --timeout ends the listing the answers already in are still shown.
  const waiting = new Set<string>(providers);
  const versions: ModelVersion[] = [];
  const failures: ProviderFailure[] = [];
  // Providers whose listing failed as a whole (not one item of it, nor a page after others).
  const failed = new Set<string>();
  const listing = fleet.listDeployments({
    providers,
    status,
    signal: context.deadline(),
    onProviderSettled: (outcome) => {
      waiting.delete(outcome.provider);
      if (outcome.versions === undefined) {
        failed.add(outcome.provider);
        failures.push({ provider: outcome.provider, error: outcome.error });
      } else {
        for (const version of outcome.versions) versions.push(version);
        failures.push(...outcome.failures);
      }
      progress.update(progressText(waiting, providers.length));
    },
  });
  const progress = startProgress(io.stderr, progressText(waiting, providers.length));
  try {
    await listing.settled();
  } catch (error) {
    if (!(error instanceof DeadlineError)) throw error;
    for (const provider of waiting) {
      failed.add(provider);
      failures.push({ provider, error: error.for({ provider, operation: "listDeployments" }) });
    }
  } finally {
    progress.stop();
  }

  // --cost: one price read per provider for what was listed (its catalogue, loaded once), no usage reads.
  let rates: Map<string, DeploymentCost["ratePerHour"]> | undefined;
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
    for (const failure of failures) io.stderr.write(warningLine(failure, context));
    if (failed.size) {
      const answered = providers.length - failed.size;
      io.stderr.write(`${answered} of ${providers.length} providers answered; the list above lacks the others' deployments.\n`);
    } else if (failures.length) {
      io.stderr.write("Every provider answered; the list above lacks what the warnings name.\n");
    }
  }
  return exitCode(failures, failed, providers);
}

/** Exit 0 without failures, 1 when every provider failed as a whole, else 3 (something was listed). */
export function exitCode(failures: readonly ProviderFailure[], failed: ReadonlySet<string>, providers: readonly string[]): ExitCode {
  if (failures.length === 0) return EXIT.ok;
  return failed.size === providers.length ? EXIT.failed : EXIT.partial;
}

/** One warning line: a provider that failed, or one item of its listing that could not be read. */
export function warningLine(failure: ProviderFailure, { err }: Context): string {
  const what =
    failure.item === undefined ? `${failure.provider} failed` : `${failure.provider}: ${escapeControls(failure.item)} could not be read`;
  return `${err.yellow("warning:")} ${what}: ${describeError(failure.error)}\n`;
}

/** The table's columns; the free-text ones give way first when the terminal is narrow. */
function columns(out: Context["out"], rates: Map<string, DeploymentCost["ratePerHour"]> | undefined): Column<ModelVersion>[] {
  const columns: Column<ModelVersion>[] = [
    // The reference starts with the provider, and mostly ends with the version: on a narrow terminal both go first.
    { head: "PROVIDER", cell: (v) => v.provider, droppable: true },
    { head: "REFERENCE", cell: (v) => escapeControls(v.ref), truncate: true },
    { head: "MODEL", cell: (v) => escapeControls(v.model), truncate: true },
    { head: "VERSION", cell: (v) => formatVersion(v.version), truncate: true, droppable: true },
    { head: "STATUS", cell: (v) => formatStatus(v, out) },
    { head: "SCALING", cell: (v) => formatScaling(v.scaling) },
    { head: "REPLICAS", cell: (v) => formatCount(v.replicas) },
    { head: "UPDATED", cell: (v) => formatDate(v.updatedAt) },
  ];
  if (rates) {
    columns.push({
      head: "RATE/HOUR",
      cell: (v) => {
        const rate = rates.get(v.ref);
        return rate ? formatMoney(rate) : "?";
      },
    });
  }
  return columns;
}

function table(versions: readonly ModelVersion[], context: Context, rates: Map<string, DeploymentCost["ratePerHour"]> | undefined): string {
  // Fitted to a terminal unless --wide; a pipe always gets every cell whole.
  const width = context.values.wide === true ? undefined : terminalWidth(context.io.stdout, context.io.env);
  return renderColumns(columns(context.out, rates), versions, context.out, width);
}

/** The progress line of a fan-out: who is still being waited for. */
export function progressText(waiting: ReadonlySet<string>, total: number): string {
  return `waiting for ${[...waiting].join(", ")} (${total - waiting.size}/${total} answered)`;
}

function failureJson({ provider, item, error }: ProviderFailure) {
  return {
    provider,
    ...(item === undefined ? {} : { item }),
    error: ModelfleetError.isInstance(error) ? error.toJSON() : { message: describeError(error) },
  };
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
