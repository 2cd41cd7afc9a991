import type { ApplyView, PlanItemView, PlanView } from "../view-types.js";
import { confirmDialog } from "./dialog.js";
import { type Child, h, replace } from "./dom.js";
import { deploymentPath } from "./format.js";
import { getJson, postJson } from "./http.js";
import type { View, ViewContext } from "./view.js";

/** The marks `modelfleet plan` prints, with a word for screen readers. */
const MARK: Record<PlanItemView["kind"], [string, string]> = {
  change: ["~", "to change"],
  "no-op": ["=", "unchanged"],
  cannot: ["!", "cannot be done"],
  error: ["x", "could not be read"],
};

/**
 * The Plan page: the `--fleet` file planned against the live fleet, as `modelfleet plan` prints it. With
 * `--allow-changes`, Apply opens a dialog naming every change; the results show as `modelfleet apply` reports them.
 */
export function planView(context: ViewContext): View {
  const { container, session } = context;
  const summary = h("p", { class: "summary", role: "status" });
  const items = h("div");
  const results = h("section", { "aria-label": "Apply results" });
  let current: PlanView | undefined;
  const applyButton = h("button", { type: "button", class: "danger", on: { click: () => void apply() } }, "Apply…");
  replace(container, h("h1", {}, "Plan"), summary, session.allowChanges ? h("p", {}, applyButton) : null, items, results);

  async function apply(): Promise<void> {
    const plan = current;
    if (!plan) return;
    const changes = plan.items.filter((i) => i.kind === "change");
    const blocked = plan.summary.cannot + plan.summary.error;
    const body: Child[] = [
      h("p", {}, `${changes.length} change${changes.length === 1 ? "" : "s"} to live deployments:`),
      h("ul", { class: "plan-changes" }, ...changes.map((i) => h("li", {}, h("strong", {}, i.ref), `: ${i.description}`))),
      blocked ? h("p", {}, `${blocked} other reference${blocked === 1 ? "" : "s"} cannot be done and will be left as they are.`) : null,
    ];
    if (!(await confirmDialog(`Apply ${plan.file}?`, body, `Apply ${changes.length} change${changes.length === 1 ? "" : "s"}`))) {
      replace(results, h("p", { role: "status" }, "Cancelled; nothing was changed."));
      return;
    }
    replace(results, h("p", { role: "status" }, "Applying…"));
    try {
      const result = await postJson<ApplyView>("/api/apply", { planId: plan.id });
      renderResults(result);
    } catch (error) {
      replace(results, h("div", { class: "banner", role: "alert" }, `Apply failed: ${(error as Error).message}`));
    }
    await view.refresh();
  }

  function renderResults(result: ApplyView): void {
    const counts = Object.entries(result.summary)
      .filter(([, n]) => n > 0)
      .map(([outcome, n]) => `${n} ${outcome}`);
    replace(
      results,
      h("h2", {}, "Applied"),
      h(
        "table",
        { class: "plan" },
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            h("th", { scope: "col" }, "Outcome"),
            h("th", { scope: "col" }, "Reference"),
            h("th", { scope: "col" }, "What happened"),
          ),
        ),
        h(
          "tbody",
          {},
          ...result.results.map((r) =>
            h(
              "tr",
              { class: `outcome-${r.outcome}` },
              h("td", {}, h("span", { class: `badge outcome-${r.outcome}` }, r.outcome)),
              h("td", {}, r.ref),
              h("td", {}, r.description),
            ),
          ),
        ),
      ),
      h("p", { class: "summary" }, `Apply: ${counts.join(", ")}.`),
    );
  }

  function render(plan: PlanView): void {
    const { change, noOp, cannot, error } = plan.summary;
    const parts = [`${change} to change`, `${noOp} unchanged`];
    if (cannot) parts.push(`${cannot} cannot be done`);
    if (error) parts.push(`${error} could not be read`);
    summary.textContent = `${plan.file}: ${parts.join(", ")}.`;
    applyButton.disabled = !plan.hasChanges;
    replace(
      items,
      plan.items.length === 0
        ? h("p", {}, "The fleet file names no deployments.")
        : h(
            "table",
            { class: "plan" },
            h(
              "thead",
              {},
              h("tr", {}, h("th", { scope: "col" }, "Plan"), h("th", { scope: "col" }, "Reference"), h("th", { scope: "col" }, "Change")),
            ),
            h(
              "tbody",
              {},
              ...plan.items.map((item) => {
                const [mark, word] = MARK[item.kind];
                return h(
                  "tr",
                  { class: `kind-${item.kind}`, "data-ref": item.ref },
                  h("td", { class: "mark" }, h("span", { "aria-hidden": "true" }, mark), h("span", { class: "visually-hidden" }, word)),
                  h("td", {}, h("a", { href: deploymentPath(item.ref), "data-link": true }, item.ref)),
                  h("td", {}, item.description),
                );
              }),
            ),
          ),
    );
  }

  const view: View = {
    async refresh() {
      context.setBusy(true);
      try {
        current = await getJson<PlanView>("/api/plan");
        render(current);
      } catch (error) {
        current = undefined;
        applyButton.disabled = true;
        replace(items, h("div", { class: "banner", role: "alert" }, `The plan could not be made: ${(error as Error).message}`));
      }
      context.setBusy(false);
    },
  };
  return view;
}
