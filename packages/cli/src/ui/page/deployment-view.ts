import type { ActionRequest, DeploymentDetailView, DeploymentView } from "../view-types.js";
import { confirmDialog } from "./dialog.js";
import { type Child, h, replace } from "./dom.js";
import { countText, dateCell, deploymentPath, scalingText, statusBadge } from "./format.js";
import { getJson, postJson } from "./http.js";
import type { View, ViewContext } from "./view.js";

/**
 * The Deployment page: one reference in full, its model's versions where the platform lists them, and the verbs
 * its provider supports. With `--allow-changes` only, the verbs it supports are offered, each behind a dialog.
 */
export function deploymentView(context: ViewContext): View {
  const { container, session } = context;
  const ref = new URLSearchParams(location.search).get("ref") ?? "";
  const title = h("h1", {}, ref);
  const message = h("p", { class: "message", role: "status" });
  const content = h("div");
  replace(container, h("p", {}, h("a", { href: "/", "data-link": true }, "← Fleet")), title, message, content);

  async function act(request: ActionRequest, question: string, change: string): Promise<void> {
    const confirmed = await confirmDialog(question, [h("p", {}, change)], "Confirm");
    if (!confirmed) {
      message.textContent = "Cancelled; nothing was changed.";
      return;
    }
    message.textContent = `${request.verb}: sending…`;
    try {
      const after = await postJson<DeploymentView>("/api/action", request);
      message.textContent = `${request.verb} done: ${after.ref} is ${after.status}, scaling ${scalingText(after.scaling)}.`;
    } catch (error) {
      message.textContent = `${request.verb} failed: ${(error as Error).message}`;
    }
    await view.refresh();
  }

  function render(detail: DeploymentDetailView): void {
    const d = detail.deployment;
    const supported = new Set(detail.verbs.filter((v) => v.supported).map((v) => v.verb));
    replace(
      content,
      h(
        "dl",
        { class: "fields" },
        ...field("Provider", d.provider),
        ...field("Model", d.model),
        ...field("Model reference", detail.modelRef ?? "-"),
        ...field("Version", d.version),
        ...field("Status", statusBadge(d)),
        ...field("Provider's status", d.providerStatus ?? "-"),
        ...field("Scaling", scalingText(d.scaling)),
        ...field("Replicas", countText(d.replicas)),
        ...field("Hardware", d.hardware ?? "-"),
        ...field("Created", dateCell(d.createdAt)),
        ...field("Updated", dateCell(d.updatedAt)),
      ),
      session.allowChanges ? changes(d, supported, detail.versions) : null,
      h("h2", {}, "What its provider supports"),
      h(
        "ul",
        { class: "verbs" },
        ...detail.verbs.map((v) =>
          h(
            "li",
            { class: v.supported ? "yes" : "no" },
            h("strong", {}, v.verb),
            v.supported ? ": yes" : `: no${v.reason ? ` (${v.reason})` : ""}`,
          ),
        ),
      ),
      h("h2", {}, "Versions"),
      versionsTable(detail),
    );
  }

  function changes(d: DeploymentView, supported: Set<string>, versions: DeploymentView[] | null): Child {
    const parts: Child[] = [];
    if (supported.has("scale")) {
      const min = h("input", { id: "scale-min", type: "number", min: 0, step: 1, value: d.scaling?.min ?? 0, required: true });
      const max = h("input", { id: "scale-max", type: "number", min: 0, step: 1, value: d.scaling?.max ?? 1, required: true });
      const submit = (event: Event) => {
        event.preventDefault();
        const request: ActionRequest = { verb: "scale", ref: d.ref, min: Number(min.value), max: Number(max.value) };
        void act(request, `Scale ${d.ref}?`, `Replica bounds from ${scalingText(d.scaling)} to ${request.min}-${request.max}.`);
      };
      parts.push(
        h(
          "form",
          { class: "action", on: { submit } },
          h("label", { for: "scale-min" }, "Min replicas"),
          min,
          h("label", { for: "scale-max" }, "Max replicas"),
          max,
          h("button", { type: "submit" }, "Scale…"),
        ),
      );
    }
    for (const verb of ["start", "stop"] as const) {
      if (!supported.has(verb)) continue;
      const click = () => void act({ verb, ref: d.ref }, `${verb === "start" ? "Start" : "Stop"} ${d.ref}?`, `It is ${d.status} now.`);
      parts.push(h("button", { type: "button", class: "verb", on: { click } }, verb === "start" ? "Start…" : "Stop…"));
    }
    const others = (versions ?? []).filter((v) => v.version !== d.version);
    for (const verb of ["promote", "rollback"] as const) {
      if (!supported.has(verb) || others.length === 0) continue;
      const select = h("select", { id: `${verb}-to` }, ...others.map((v) => h("option", { value: v.version }, v.version)));
      const submit = (event: Event) => {
        event.preventDefault();
        const question = `${verb === "promote" ? "Promote" : "Roll back"} ${d.ref}?`;
        void act({ verb, ref: d.ref, to: select.value }, question, `It would serve version ${select.value} instead of ${d.version}.`);
      };
      parts.push(
        h(
          "form",
          { class: "action", on: { submit } },
          h("label", { for: `${verb}-to` }, verb === "promote" ? "Promote to" : "Roll back to"),
          select,
          h("button", { type: "submit" }, verb === "promote" ? "Promote…" : "Roll back…"),
        ),
      );
    }
    return h("section", { class: "changes", "aria-labelledby": "changes-title" }, h("h2", { id: "changes-title" }, "Change it"), ...parts);
  }

  const view: View = {
    async refresh() {
      context.setBusy(true);
      try {
        render(await getJson<DeploymentDetailView>(`/api/deployment?${new URLSearchParams({ ref })}`));
      } catch (error) {
        replace(content, h("div", { class: "banner", role: "alert" }, (error as Error).message));
      }
      context.setBusy(false);
    },
  };
  return view;
}

function field(name: string, value: Node | string): Node[] {
  return [h("dt", {}, name), h("dd", {}, value)];
}

function versionsTable(detail: DeploymentDetailView): Child {
  if (detail.versionsFailure !== null)
    return h("div", { class: "banner", role: "alert" }, `The versions could not be listed: ${detail.versionsFailure}`);
  if (detail.versions === null) return h("p", {}, "Its provider does not list versions.");
  if (detail.versions.length === 0) return h("p", {}, "No versions.");
  return h(
    "div",
    { class: "table-wrap" },
    h(
      "table",
      {},
      h(
        "thead",
        {},
        h("tr", {}, ...["Reference", "Version", "Status", "Scaling", "Replicas", "Created"].map((t) => h("th", { scope: "col" }, t))),
      ),
      h(
        "tbody",
        {},
        ...detail.versions.map((v) =>
          h(
            "tr",
            {},
            h("td", {}, h("a", { href: deploymentPath(v.ref), "data-link": true }, v.ref)),
            h("td", {}, v.version),
            h("td", {}, statusBadge(v)),
            h("td", {}, scalingText(v.scaling)),
            h("td", {}, countText(v.replicas)),
            h("td", {}, dateCell(v.createdAt)),
          ),
        ),
      ),
    ),
  );
}
