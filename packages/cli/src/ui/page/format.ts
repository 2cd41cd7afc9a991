import type { DeploymentView, FigureView } from "../view-types.js";
import { h } from "./dom.js";

/** A status badge: the normalized status as its word and colour, the provider's own word on hover. */
export function statusBadge(d: Pick<DeploymentView, "status" | "providerStatus">): HTMLElement {
  return h(
    "span",
    {
      class: `badge status-${d.status}`,
      title: d.providerStatus ? `${d.providerStatus} (as the provider says it)` : "no status from the provider",
    },
    d.status,
  );
}

/** `1-4`, `0-?` when the provider left a bound out, `-` without scaling: as the CLI prints scaling. */
export function scalingText(scaling: DeploymentView["scaling"]): string {
  if (!scaling) return "-";
  return `${scaling.min ?? "?"}-${scaling.max ?? "?"}`;
}

/** A count or `-`. */
export function countText(value: number | null): string {
  return value === null ? "-" : String(value);
}

/** UTC to the minute, `2026-01-31T09:05Z`, as the CLI prints dates; the exact time on hover. */
export function dateCell(iso: string | null): Node {
  if (iso === null) return document.createTextNode("-");
  return h("time", { datetime: iso, title: iso }, `${iso.slice(0, 16)}Z`);
}

/** The path of one deployment's page. */
export function deploymentPath(ref: string): string {
  return `/deployment?${new URLSearchParams({ ref })}`;
}

/** A rate as `cost` prints it (`$1.23`, `$0.00-$4.00`, `?`); where it comes from, or why it is unknown, on hover. */
export function rateCell(d: { ratePerHour?: FigureView | undefined }): Node | string {
  const rate = d.ratePerHour;
  if (!rate) return "-";
  return h(
    "span",
    { class: `rate rate-${rate.source === "unknown" ? "unknown" : "known"}`, title: rate.reason ?? `source: ${rate.source}` },
    rate.text,
  );
}
