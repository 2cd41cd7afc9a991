import type { CostTotalView, CostView, TotalView } from "../view-types.js";
import { barChart } from "./bar-chart.js";
import { h, replace } from "./dom.js";
import { deploymentPath, rateCell } from "./format.js";
import { getJson } from "./http.js";
import type { View, ViewContext } from "./view.js";

/** The windows offered, as `modelfleet cost --window` takes them. */
const WINDOWS = ["24h", "7d", "30d"] as const;

/**
 * The Cost page: what the fleet costs per hour now and spent over a window, per provider (as bars) and in total,
 * and the idle deployments (replicas running, no request). Unknown figures stay out of the sums, which say so.
 */
export function costView(context: ViewContext): View {
  const { container } = context;
  const select = h("select", { id: "cost-window" }, ...WINDOWS.map((w) => h("option", { value: w }, w)));
  const summary = h("p", { class: "summary", role: "status" });
  const content = h("div");
  const windowOf = () => {
    const value = new URLSearchParams(location.search).get("window") ?? "24h";
    return (WINDOWS as readonly string[]).includes(value) ? value : "24h";
  };
  select.addEventListener("change", () => {
    context.navigate(`/cost${select.value === "24h" ? "" : `?window=${select.value}`}`, true);
    void view.refresh();
  });
  replace(
    container,
    h("h1", {}, "Cost"),
    h(
      "form",
      { class: "filters", on: { submit: (event) => event.preventDefault() } },
      h("label", { for: "cost-window" }, "Spend over"),
      select,
    ),
    summary,
    content,
  );

  function render(cost: CostView): void {
    const { total } = cost;
    summary.textContent = `The fleet: ${withUnknown(total.ratePerHour, "/h now")}; spent ${withUnknown(total.spend, "")} over ${cost.window.text} (${total.deployments} deployments, ${total.idle.value} idle).`;
    const rated = cost.providers.filter((p) => p.ratePerHour.counted > 0);
    replace(
      content,
      ...cost.failures.map((f) =>
        h("div", { class: "banner", role: "alert", "data-provider": f.provider }, h("strong", {}, `${f.provider}: `), f.reason),
      ),
      h("h2", {}, "Rate per hour, by provider"),
      rated.length
        ? h(
            "figure",
            {},
            barChart(
              "Rate per hour by provider",
              rated.map((p) => ({ label: p.provider ?? "", value: p.ratePerHour.micro, text: withUnknown(p.ratePerHour, "/h") })),
            ),
          )
        : h("p", {}, "No provider's prices are known: give them as prices: in the --fleet file."),
      totalsTable(cost),
      h("h2", {}, "Idle deployments"),
      cost.idle.length === 0
        ? h("p", {}, "None: every deployment with replicas running served requests in the window, or its requests are not reported.")
        : h(
            "table",
            { class: "idle" },
            h(
              "thead",
              {},
              h("tr", {}, ...["Reference", "Provider", "Hardware", "Rate/hour", "Requests"].map((t) => h("th", { scope: "col" }, t))),
            ),
            h(
              "tbody",
              {},
              ...cost.idle.map((d) =>
                h(
                  "tr",
                  { "data-ref": d.ref },
                  h("td", {}, h("a", { href: deploymentPath(d.ref), "data-link": true }, d.ref)),
                  h("td", {}, d.provider),
                  h("td", {}, d.hardware ?? "-"),
                  h("td", { class: "numeric" }, rateCell(d)),
                  h("td", { class: "numeric" }, d.requests),
                ),
              ),
            ),
          ),
    );
  }

  const view: View = {
    async refresh() {
      select.value = windowOf();
      context.setBusy(true);
      try {
        render(await getJson<CostView>(`/api/cost?${new URLSearchParams({ window: select.value })}`));
      } catch (error) {
        summary.textContent = "";
        replace(content, h("div", { class: "banner", role: "alert" }, `The costs could not be read: ${(error as Error).message}`));
      }
      context.setBusy(false);
    },
  };
  return view;
}

/** `$12.00 (2 unknown)`, as `cost` prints a total that lacks some deployments. */
function withUnknown(total: TotalView, unit: string): string {
  if (total.text === "?") return "?";
  return `${total.text}${unit}${total.unknown ? ` (${total.unknown} unknown)` : ""}`;
}

function totalsTable(cost: CostView): HTMLElement {
  const row = (t: CostTotalView, name: string) =>
    h(
      "tr",
      { "data-provider": t.provider ?? "total", class: t.provider === null ? "total" : null },
      h(t.provider === null ? "th" : "td", t.provider === null ? { scope: "row" } : {}, name),
      h("td", { class: "numeric" }, String(t.deployments)),
      h("td", { class: "numeric" }, withUnknown(t.ratePerHour, "")),
      h("td", { class: "numeric" }, withUnknown(t.spend, "")),
      h("td", { class: "numeric" }, t.requests),
      h("td", { class: "numeric" }, t.idle.text),
      h("td", {}, t.idleTimeout ?? "-"),
    );
  return h(
    "div",
    { class: "table-wrap" },
    h(
      "table",
      { class: "totals" },
      h("caption", {}, `Totals over ${cost.window.text}: unknown figures are left out of the sums and counted`),
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          ...["Provider", "Deployments", "Rate/hour", "Spend", "Requests", "Idle", "Idle setting"].map((t) => h("th", { scope: "col" }, t)),
        ),
      ),
      h("tbody", {}, ...cost.providers.map((p) => row(p, p.provider ?? "")), row(cost.total, "Fleet")),
    ),
  );
}
