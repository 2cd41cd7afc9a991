import type { CostReport, CostTotal, DeploymentCost, MicroUsd, ProviderCostTotal, Range, TotalFigure } from "modelfleet/all";
import { formatMoney, formatSource } from "../cost-output.js";
import { describeError } from "../failure.js";
import type { CostTotalView, CostView, FigureView, TotalView } from "./view-types.js";

/** A deployment's rate per hour as the CLI's `cost` prints it, with its source and, when unknown, why. */
export function rateView(cost: DeploymentCost): FigureView {
  const figure = cost.ratePerHour;
  return {
    text: formatMoney(figure),
    source: formatSource(cost),
    reason: figure.source === "unknown" ? figure.reason : null,
    micro: figure.source === "unknown" ? null : top(figure.value),
  };
}

/** The Cost page's figures, worded as `modelfleet cost` words them. */
export function costView(report: CostReport, windowText: string): CostView {
  const idle = report.deployments.filter((d) => d.idle.source !== "unknown" && d.idle.value);
  return {
    window: { from: report.window.from.toISOString(), to: report.window.to.toISOString(), text: windowText },
    providers: report.providers.map(totalView),
    total: totalView(report.total),
    idle: idle.map((d) => ({
      ref: d.ref,
      provider: d.provider,
      hardware: d.hardware,
      ratePerHour: rateView(d),
      requests: d.requests.source === "unknown" ? "?" : String(d.requests.value),
    })),
    failures: report.failures.map((f) => ({ provider: f.provider, reason: describeError(f.error) })),
  };
}

function totalView(total: CostTotal | ProviderCostTotal): CostTotalView {
  return {
    provider: "provider" in total ? total.provider : null,
    deployments: total.deployments,
    ratePerHour: money(total.ratePerHour),
    spend: money(total.spend),
    requests: count(total.requests),
    idle: { value: total.idle.value, text: count(total.idle) },
    idleTimeout: "idleTimeout" in total ? total.idleTimeout : null,
  };
}

function money(total: TotalFigure<MicroUsd | Range<MicroUsd>>): TotalView {
  // A sum of nothing known is not $0.00: it is unknown, as the CLI prints it.
  const text = total.counted === 0 && total.unknown > 0 ? "?" : formatMoney({ value: total.value, source: "derived" });
  return { text, micro: top(total.value), counted: total.counted, unknown: total.unknown };
}

function count(total: TotalFigure<number>): string {
  if (total.counted === 0 && total.unknown > 0) return "?";
  return total.unknown ? `${total.value} (${total.unknown} unknown)` : String(total.value);
}

function top(value: MicroUsd | Range<MicroUsd>): number {
  return typeof value === "number" ? value : value.max;
}
