import { readFile, writeFile } from "node:fs/promises";
import {
  type CostReport,
  type DesiredDeployment,
  ModelfleetError,
  noProviderConfigured,
  PROVIDER_IDS,
  type PriceTable,
  type ProviderFailure,
} from "modelfleet/all";
import { FleetFileError, fleetFileErrorAt, parsePriceFile, stringifyFleetFile } from "modelfleet/fleet-file";
import { listValues } from "../args.js";
import type { Context } from "../context.js";
import { renderDeployments, renderTotals, unknownReasons } from "../cost-output.js";
import { describeError, EXIT, type ExitCode } from "../failure.js";
import { toJson } from "../output.js";
import { startProgress } from "../progress.js";
import { UsageError } from "../usage.js";
import { checkProviders, progressText } from "./ls.js";

const DEFAULT_WINDOW = "24h";

/**
 * `modelfleet cost`: what each deployment costs per hour now, and spent and served over a window, with totals per
 * provider and for the fleet. A figure the platform does not report and no price table gives is `?`, and left out
 * of the totals. Exit 3 when some providers failed and others answered, as for `ls`. With `--idle --write <file>`,
 * also writes a fleet file that scales each idle deployment to zero (or stops it), to review with `plan`.
 */
export async function cost(context: Context): Promise<ExitCode> {
  const { fleet, io, usage } = context;
  const windowText = typeof context.values.window === "string" ? context.values.window : DEFAULT_WINDOW;
  const idleOnly = context.values.idle === true;
  const writeTo = typeof context.values.write === "string" ? context.values.write : undefined;
  if (writeTo !== undefined && !idleOnly) throw new UsageError("--write writes the idle deployments' fleet file: it needs --idle", usage);
  const named = checkProviders(listValues(context.values.provider), usage);
  const pricesFile = typeof context.values.prices === "string" ? await readPrices(context.values.prices) : undefined;
  const providers = named ?? fleet.providers().flatMap((p) => (p.configured ? [p.id] : []));
  if (providers.length === 0) {
    throw noProviderConfigured(fleet.providers());
  }

  const waiting = new Set<string>(providers);
  const progress = startProgress(io.stderr, progressText(waiting, providers.length));
  let report: CostReport;
  try {
    report = await fleet.cost({
      window: windowText,
      providers,
      ...(pricesFile ? { prices: pricesFile.table } : {}),
      signal: context.deadline(),
      onProviderSettled: (provider) => {
        waiting.delete(provider);
        progress.update(progressText(waiting, providers.length));
      },
    });
  } finally {
    progress.stop();
  }

  // A price entry no deployment of its (answering) provider runs on is most likely a misspelt SKU: fail at its line.
  if (pricesFile && report.unusedPrices.length) {
    const inUse = (provider: string) => [...new Set(report.deployments.filter((d) => d.provider === provider).map((d) => d.hardware))];
    throw fleetFileErrorAt(
      pricesFile.text,
      pricesFile.path,
      report.unusedPrices.map(({ provider, sku }) => ({
        path: ["prices", provider, sku],
        message: `unknown SKU: no ${provider} deployment runs on ${JSON.stringify(sku)} (hardware in use: ${
          inUse(provider)
            .map((h) => h ?? "none reported")
            .join(", ") || "none"
        })`,
      })),
    );
  }

  const shown = idleOnly ? report.deployments.filter((d) => d.idle.source !== "unknown" && d.idle.value) : report.deployments;
  const failures = report.failures;
  const written = writeTo === undefined ? undefined : await writeIdleFleetFile(context, report, writeTo);
  if (context.json) {
    io.stdout.write(
      toJson({
        money: "integer micro-dollars (1 USD = 1000000)",
        window: { from: report.window.from.toISOString(), to: report.window.to.toISOString() },
        deployments: shown,
        providers: report.providers,
        total: report.total,
        failures: failures.map((f) => failureJson(f)),
        ...(written ? { written } : {}),
      }),
    );
  } else {
    const { out } = context;
    if (shown.length === 0) io.stdout.write(idleOnly ? "No idle deployments.\n" : "No deployments.\n");
    else io.stdout.write(`${renderDeployments(shown, windowText, out)}\n`);
    io.stdout.write(`\n${renderTotals(report, windowText, out)}\n`);
    const reasons = unknownReasons(shown);
    if (reasons.length) io.stdout.write(`\n? unknown:\n${reasons.map((r) => `  ${r}`).join("\n")}\n`);
    if (written) {
      io.stdout.write(`\n${written.message}\n`);
      for (const hint of written.hints) io.stdout.write(`${out.dim("hint:")} ${hint}\n`);
    }
  }
  for (const failure of failures) {
    io.stderr.write(`${context.err.yellow("warning:")} ${failure.provider} failed: ${describeError(failure.error)}\n`);
  }
  if (failures.length === 0) return EXIT.ok;
  const answered = report.providers.length;
  if (!context.json) io.stderr.write(`${answered} of ${providers.length} providers answered in full; figures above lack the others'.\n`);
  return answered === 0 ? EXIT.failed : EXIT.partial;
}

/** The price file, read and checked (every problem with its line) before any request. */
async function readPrices(path: string): Promise<{ path: string; text: string; table: PriceTable }> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message;
    throw new FleetFileError(path, [{ line: 1, column: 1, key: "(root)", message: `cannot read the price file: ${reason}` }]);
  }
  return { path, text, table: parsePriceFile(text, { file: path, providers: PROVIDER_IDS }) };
}

interface Written {
  file: string;
  deployments: DesiredDeployment[];
  /** Idle deployments whose provider can neither scale nor stop them. */
  cannot: string[];
  message: string;
  hints: string[];
}

/**
 * Writes a fleet file that scales each idle deployment to zero (keeping its maximum) where its provider can scale,
 * or stops it where the provider can only stop; refuses to overwrite a file. Prints the platforms' own idle
 * settings, which stop paying for idle replicas without anyone running this again.
 */
async function writeIdleFleetFile(context: Context, report: CostReport, file: string): Promise<Written> {
  const { fleet } = context;
  const deployments: DesiredDeployment[] = [];
  const cannot: string[] = [];
  const providersWithIdle = new Set<string>();
  for (const d of report.deployments) {
    if (d.idle.source === "unknown" || !d.idle.value) continue;
    providersWithIdle.add(d.provider);
    const can = fleet.capabilities(d.provider as never);
    const max = d.scaling?.max;
    if (can.scale && typeof max === "number" && max >= 0) deployments.push({ ref: d.ref, scaling: { min: 0, max } });
    else if (can.stop) deployments.push({ ref: d.ref, state: "stopped" });
    else cannot.push(d.ref);
  }
  const text = stringifyFleetFile({ deployments }, /\.json$/i.test(file) ? "json" : "yaml");
  try {
    await writeFile(file, text, { flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") {
      throw new UsageError(`${file} already exists: --write never overwrites a file; name a new one`, context.usage);
    }
    throw error;
  }
  const hints = report.providers.flatMap((p) =>
    providersWithIdle.has(p.provider) && p.idleTimeout ? [`${p.provider}: ${p.idleTimeout}; usually the better fix`] : [],
  );
  for (const ref of cannot) hints.push(`${ref} is idle, but its provider can neither scale nor stop it: left out`);
  const count = `${deployments.length} idle deployment${deployments.length === 1 ? "" : "s"}`;
  return { file, deployments, cannot, message: `Wrote ${count} to ${file}; review with: modelfleet plan ${file}`, hints };
}

function failureJson({ provider, error }: ProviderFailure) {
  return { provider, error: ModelfleetError.isInstance(error) ? error.toJSON() : { message: describeError(error) } };
}
