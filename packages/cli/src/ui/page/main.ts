import type { SessionView } from "../view-types.js";
import { costView } from "./cost-view.js";
import { deploymentView } from "./deployment-view.js";
import { dialogOpen } from "./dialog.js";
import { h, replace } from "./dom.js";
import { fleetView } from "./fleet-view.js";
import { getJson } from "./http.js";
import { planView } from "./plan-view.js";
import type { View, ViewContext } from "./view.js";

/** How often the page reloads its data when auto-refresh is on. */
const REFRESH_EVERY_MS = 30_000;

const TITLES: Record<string, string> = { "/": "Fleet", "/plan": "Plan", "/cost": "Cost" };

/** The views by path; Plan exists only when the server was given a fleet file. */
function viewsFor(session: SessionView): Record<string, (context: ViewContext) => View> {
  return { "/": fleetView, "/deployment": deploymentView, ...(session.hasPlan ? { "/plan": planView } : {}), "/cost": costView };
}

async function start(): Promise<void> {
  const main = document.getElementById("main") as HTMLElement;
  let session: SessionView;
  try {
    session = await getJson<SessionView>("/api/session");
  } catch (error) {
    replace(main, h("div", { class: "banner", role: "alert" }, `The server did not answer: ${(error as Error).message}`));
    main.dataset.state = "ready";
    return;
  }
  const views = viewsFor(session);
  const updated = h("span", { class: "updated", "aria-live": "polite" });
  const auto = h("input", { type: "checkbox", id: "auto-refresh", checked: true });
  const refreshButton = h("button", { type: "button", id: "refresh", on: { click: () => void refresh() } }, "Refresh");
  const links = [
    h("a", { href: "/", "data-link": true }, "Fleet"),
    session.hasPlan ? h("a", { href: "/plan", "data-link": true }, "Plan") : null,
    h("a", { href: "/cost", "data-link": true }, "Cost"),
  ];
  const nav = h("nav", { "aria-label": "Pages" }, ...links);
  document.body.prepend(
    h(
      "header",
      {},
      h("span", { class: "brand" }, "modelfleet"),
      nav,
      h(
        "span",
        { class: `mode ${session.allowChanges ? "mode-changes" : "mode-read"}` },
        session.allowChanges ? "changes allowed" : "read-only",
      ),
      h(
        "span",
        { class: "tools" },
        refreshButton,
        h("label", { for: "auto-refresh" }, auto, ` every ${REFRESH_EVERY_MS / 1000} s`),
        updated,
      ),
    ),
  );

  let current: { path: string; view: View } | undefined;
  let busy = false;
  const context = (): ViewContext => ({
    session,
    container: main,
    navigate(path, push) {
      if (push) history.pushState(null, "", path);
      else history.replaceState(null, "", path);
    },
    setBusy(value) {
      busy = value;
      main.dataset.state = value ? "loading" : "ready";
      main.setAttribute("aria-busy", String(value));
      if (!value) updated.textContent = `updated ${new Date().toLocaleTimeString()}`;
    },
  });

  function route(): void {
    const path = location.pathname;
    if (current?.path === path && current.view.onLocation) {
      current.view.onLocation();
      return;
    }
    const make = views[path];
    for (const link of nav.querySelectorAll("a")) {
      if (link.getAttribute("href") === path) link.setAttribute("aria-current", "page");
      else link.removeAttribute("aria-current");
    }
    if (!make) {
      replace(
        main,
        h("h1", {}, "Not found"),
        h("p", {}, "There is no such page. "),
        h("a", { href: "/", "data-link": true }, "Back to the fleet"),
      );
      current = undefined;
      main.dataset.state = "ready";
      return;
    }
    const view = make(context());
    current = { path, view };
    document.title = `${TITLES[path] ?? "Deployment"} · modelfleet`;
    void view.refresh();
  }

  async function refresh(): Promise<void> {
    if (current && !busy) await current.view.refresh();
  }

  // Links inside the app change the view without reloading the page.
  document.addEventListener("click", (event) => {
    const link = (event.target as Element | null)?.closest?.("a[data-link]");
    if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    history.pushState(null, "", link.getAttribute("href") ?? "/");
    route();
  });
  window.addEventListener("popstate", route);
  setInterval(() => {
    // Not while a confirmation is open or a change is being typed: nothing moves under the reader.
    const editing = Boolean(document.activeElement?.closest(".changes"));
    if (auto.checked && !dialogOpen() && !editing) void refresh();
  }, REFRESH_EVERY_MS);
  route();
}

void start();
