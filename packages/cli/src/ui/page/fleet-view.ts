import type { DeploymentView, ListingView } from "../view-types.js";
import { h, replace } from "./dom.js";
import { COLUMNS, type FleetQuery, queryFrom, searchOf, visibleRows } from "./fleet-table.js";
import { getJson } from "./http.js";
import type { View, ViewContext } from "./view.js";

type ProviderState = { state: "loading" } | { state: "ok"; listing: ListingView } | { state: "failed"; reason: string };

/**
 * The Fleet page: every configured provider's deployments in one table. Providers load in parallel, each with its
 * own state; a failed one gets a banner naming it and why, the others still show. Filter and order live in the URL.
 */
export function fleetView(context: ViewContext): View {
  const { session, container } = context;
  const providers = session.providers.filter((p) => p.configured);
  const states = new Map<string, ProviderState>(providers.map((p) => [p.id, { state: "loading" }]));
  // The last rows each provider sent: shown while it refreshes, so a refresh never empties the table.
  const rows = new Map<string, DeploymentView[]>();
  let query: FleetQuery = queryFrom(new URLSearchParams(location.search));

  const providerSelect = h(
    "select",
    { id: "filter-provider", name: "provider" },
    h("option", { value: "" }, "All providers"),
    ...providers.map((p) => h("option", { value: p.id }, p.name)),
  );
  const statusSelect = h(
    "select",
    { id: "filter-status", name: "status" },
    h("option", { value: "" }, "Any status"),
    ...session.statuses.map((s) => h("option", { value: s }, s)),
  );
  const search = h("input", {
    id: "filter-text",
    name: "q",
    type: "search",
    placeholder: "reference, model, hardware…",
    autocomplete: "off",
  });
  const chips = h("ul", { class: "chips", "aria-label": "Providers" });
  const banners = h("div", { class: "banners" });
  const head = h("tr");
  const body = h("tbody");
  const count = h("p", { class: "count", role: "status" });
  const table = h("table", { class: "fleet" }, h("caption", { class: "visually-hidden" }, "Deployments"), h("thead", {}, head), body);

  const setQuery = (next: FleetQuery, push: boolean) => {
    query = next;
    context.navigate(`/${searchOf(query)}`, push);
    renderTable();
  };
  providerSelect.addEventListener("change", () => setQuery({ ...query, provider: providerSelect.value }, true));
  statusSelect.addEventListener("change", () => setQuery({ ...query, status: statusSelect.value }, true));
  // Typing replaces the URL (no history entry per key); leaving the field or Enter keeps one entry for it.
  search.addEventListener("input", () => setQuery({ ...query, q: search.value }, false));
  search.addEventListener("change", () => setQuery({ ...query, q: search.value }, true));

  replace(
    container,
    h("h1", {}, "Fleet"),
    h(
      "form",
      { class: "filters", role: "search", on: { submit: (event) => event.preventDefault() } },
      h("label", { for: "filter-provider" }, "Provider"),
      providerSelect,
      h("label", { for: "filter-status" }, "Status"),
      statusSelect,
      h("label", { for: "filter-text" }, "Search"),
      search,
    ),
    chips,
    banners,
    count,
    h("div", { class: "table-wrap" }, table),
  );
  syncControls();
  renderAll();

  function syncControls(): void {
    providerSelect.value = query.provider;
    statusSelect.value = query.status;
    if (document.activeElement !== search) search.value = query.q;
  }

  function renderAll(): void {
    renderChips();
    renderBanners();
    renderTable();
  }

  function renderChips(): void {
    replace(
      chips,
      ...providers.map((p) => {
        const s = states.get(p.id) as ProviderState;
        const text = s.state === "loading" ? "loading…" : s.state === "failed" ? "failed" : `${s.listing.deployments.length}`;
        return h("li", { class: `chip chip-${s.state}`, "data-provider": p.id, "data-state": s.state }, `${p.name}: ${text}`);
      }),
    );
  }

  function renderBanners(): void {
    replace(
      banners,
      ...providers.flatMap((p) => {
        const s = states.get(p.id) as ProviderState;
        if (s.state !== "failed") return [];
        return [
          h(
            "div",
            { class: "banner", role: "alert", "data-provider": p.id },
            h("strong", {}, `${p.name} failed: `),
            s.reason,
            // The reason is the provider's sentence; this one stands apart from it.
            h("span", { class: "hint" }, " — the other providers are shown."),
          ),
        ];
      }),
    );
  }

  function renderTable(): void {
    replace(
      head,
      ...COLUMNS.map((column) => {
        const active = query.sort === column.key;
        const sort = active ? (query.dir === "asc" ? "ascending" : "descending") : "none";
        const next: FleetQuery = { ...query, sort: column.key, dir: active && query.dir === "asc" ? "desc" : "asc" };
        return h(
          "th",
          { scope: "col", "aria-sort": sort, class: column.numeric ? "numeric" : null },
          h(
            "button",
            { type: "button", "data-sort": column.key, on: { click: () => setQuery(next, true) } },
            column.label,
            active ? (query.dir === "asc" ? " ▲" : " ▼") : "",
          ),
        );
      }),
    );
    const all = providers.flatMap((p) => rows.get(p.id) ?? []);
    const shown = visibleRows(all, query);
    replace(
      body,
      ...shown.map((d) =>
        h("tr", { "data-ref": d.ref }, ...COLUMNS.map((c) => h("td", { class: c.numeric ? "numeric" : null }, c.cell(d)))),
      ),
    );
    if (shown.length === 0) {
      body.append(
        h(
          "tr",
          {},
          h("td", { colspan: COLUMNS.length, class: "empty" }, all.length ? "No deployment matches the filter." : "No deployments."),
        ),
      );
    }
    count.textContent = `${shown.length} of ${all.length} deployments`;
  }

  async function loadProvider(id: string): Promise<void> {
    try {
      const listing = await getJson<ListingView>(`/api/deployments?${new URLSearchParams({ provider: id })}`);
      states.set(id, listing.failure === null ? { state: "ok", listing } : { state: "failed", reason: listing.failure });
      if (listing.failure === null) rows.set(id, listing.deployments);
      else rows.delete(id);
    } catch (error) {
      states.set(id, { state: "failed", reason: (error as Error).message });
      rows.delete(id);
    }
    renderAll();
  }

  return {
    onLocation() {
      query = queryFrom(new URLSearchParams(location.search));
      syncControls();
      renderTable();
    },
    async refresh() {
      query = queryFrom(new URLSearchParams(location.search));
      syncControls();
      context.setBusy(true);
      await Promise.all(providers.map((p) => loadProvider(p.id)));
      context.setBusy(false);
    },
  };
}
