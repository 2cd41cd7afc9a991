import {
  type CostFigure,
  type CostReport,
  type CostTotal,
  type DeploymentCost,
  formatUsd,
  type MicroUsd,
  type Range,
  type TotalFigure,
} from "modelfleet/all";
import { type Colors, escapeControls, renderTable } from "./output.js";

/** Money as the CLI prints it: two decimals (`formatUsd`), a range as `$1.00-$3.00`, `?` when unknown. */
export function formatMoney(figure: CostFigure<MicroUsd | Range<MicroUsd>>): string {
  if (figure.source === "unknown") return "?";
  return formatAmount(figure.value);
}

function formatAmount(value: MicroUsd | Range<MicroUsd>): string {
  return typeof value === "number" ? formatUsd(value) : `${formatUsd(value.min)}-${formatUsd(value.max)}`;
}

/** Where a deployment's rate comes from, saying when a price table entry replaced the API's price. */
export function formatSource(cost: DeploymentCost): string {
  const { ratePerHour, unitPrice } = cost;
  if (ratePerHour.source === "unknown") return "unknown";
  if (unitPrice.source === "price-table" && unitPrice.overrides !== undefined) {
    return `price-table (api ${formatUsd(unitPrice.overrides)}/h)`;
  }
  return ratePerHour.source;
}

function formatReplicas(replicas: DeploymentCost["replicas"]): string {
  if (replicas === null) return "?";
  return typeof replicas === "number" ? String(replicas) : `${replicas.min}-${replicas.max}`;
}

function formatCount(figure: CostFigure<number>): string {
  return figure.source === "unknown" ? "?" : String(figure.value);
}

function formatIdle(figure: CostFigure<boolean>): string {
  return figure.source === "unknown" ? "?" : figure.value ? "yes" : "no";
}

/** The table of deployments: one line each. */
export function renderDeployments(deployments: readonly DeploymentCost[], windowLabel: string, colors: Colors): string {
  return renderTable(
    ["REFERENCE", "HARDWARE", "REPLICAS", "RATE/HOUR", `SPEND (${windowLabel})`, "REQUESTS", "IDLE", "SOURCE"],
    deployments.map((d) => [
      escapeControls(d.ref),
      d.hardware === null ? "-" : escapeControls(d.hardware),
      formatReplicas(d.replicas),
      formatMoney(d.ratePerHour),
      formatMoney(d.spend),
      formatCount(d.requests),
      d.idle.source !== "unknown" && d.idle.value ? colors.yellow("yes") : formatIdle(d.idle),
      formatSource(d),
    ]),
    colors,
  );
}

/** Totals per provider and for the fleet; a sum that leaves deployments out says how many. */
export function renderTotals(report: CostReport, windowLabel: string, colors: Colors): string {
  const row = (name: string, total: CostTotal) => [
    name,
    String(total.deployments),
    sum(total.ratePerHour, formatAmount),
    sum(total.spend, formatUsd),
    sum(total.requests, String),
    sum(total.idle, String),
  ];
  return renderTable(
    ["TOTAL", "DEPLOYMENTS", "RATE/HOUR", `SPEND (${windowLabel})`, "REQUESTS", "IDLE"],
    [...report.providers.map((p) => row(p.provider, p)), row(colors.bold("fleet"), report.total)],
    colors,
  );
}

/** A total, `?` when no deployment's figure is known, and how many it leaves out. */
function sum<V>(total: TotalFigure<V>, format: (value: V) => string): string {
  if (total.counted === 0 && total.unknown > 0) return "?";
  return total.unknown ? `${format(total.value)} (${total.unknown} unknown)` : format(total.value);
}

/** Why figures are unknown, once per provider and reason, with how many deployments it concerns. */
export function unknownReasons(deployments: readonly DeploymentCost[]): string[] {
  const counts = new Map<string, number>();
  for (const d of deployments) {
    const reasons = new Set<string>();
    for (const figure of [d.ratePerHour, d.spend, d.requests]) if (figure.source === "unknown") reasons.add(figure.reason);
    // Idle follows from requests: only its own reason (replicas not reported) is news.
    if (d.idle.source === "unknown" && d.requests.source !== "unknown") reasons.add(d.idle.reason);
    for (const reason of reasons) {
      const key = `${d.provider}: ${escapeControls(reason)}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return [...counts].map(([line, n]) => (n > 1 ? `${line} (${n} deployments)` : line));
}
