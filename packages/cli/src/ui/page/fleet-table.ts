import type { DeploymentView } from "../view-types.js";
import { h } from "./dom.js";
import { countText, dateCell, deploymentPath, rateCell, scalingText, statusBadge } from "./format.js";

/**
 * One column of the fleet table: its header, the value it sorts and searches by, and its cell. A column the page
 * learns later (a rate per hour once costs are known) is one more entry in {@link COLUMNS}.
 */
export interface Column {
  key: string;
  label: string;
  /** The value sorted by (numbers sort as numbers; `null` last) and searched by the text filter. */
  value(d: DeploymentView): string | number | null;
  cell(d: DeploymentView): Node | string;
  numeric?: boolean;
}

export const COLUMNS: readonly Column[] = [
  { key: "provider", label: "Provider", value: (d) => d.provider, cell: (d) => d.provider },
  {
    key: "ref",
    label: "Reference",
    value: (d) => d.ref,
    cell: (d) => h("a", { href: deploymentPath(d.ref), "data-link": true }, d.ref),
  },
  { key: "model", label: "Model", value: (d) => d.model, cell: (d) => d.model },
  { key: "version", label: "Version", value: (d) => d.version, cell: (d) => h("span", { class: "version", title: d.version }, d.version) },
  { key: "status", label: "Status", value: (d) => d.status, cell: statusBadge },
  { key: "scaling", label: "Scaling", value: (d) => d.scaling?.max ?? null, cell: (d) => scalingText(d.scaling), numeric: true },
  { key: "replicas", label: "Replicas", value: (d) => d.replicas, cell: (d) => countText(d.replicas), numeric: true },
  { key: "hardware", label: "Hardware", value: (d) => d.hardware, cell: (d) => d.hardware ?? "-" },
  { key: "rate", label: "Rate/hour", value: (d) => d.ratePerHour?.micro ?? null, cell: rateCell, numeric: true },
  { key: "updated", label: "Updated", value: (d) => d.updatedAt, cell: (d) => dateCell(d.updatedAt) },
];

/** The filter and order of the fleet table, as the URL keeps them. */
export interface FleetQuery {
  provider: string;
  status: string;
  q: string;
  sort: string;
  dir: "asc" | "desc";
}

const DEFAULT_QUERY: FleetQuery = { provider: "", status: "", q: "", sort: "provider", dir: "asc" };

/** The query a URL's search part holds; anything unknown falls back to the default. */
export function queryFrom(search: URLSearchParams): FleetQuery {
  const sort = search.get("sort") ?? "";
  return {
    provider: search.get("provider") ?? "",
    status: search.get("status") ?? "",
    q: search.get("q") ?? "",
    sort: COLUMNS.some((c) => c.key === sort) ? sort : DEFAULT_QUERY.sort,
    dir: search.get("dir") === "desc" ? "desc" : "asc",
  };
}

/** The search part for a query, defaults left out: `?provider=deepinfra&sort=replicas&dir=desc`. */
export function searchOf(query: FleetQuery): string {
  const params = new URLSearchParams();
  for (const key of ["provider", "status", "q", "sort", "dir"] as const) {
    if (query[key] !== DEFAULT_QUERY[key]) params.set(key, query[key]);
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** The rows the query keeps, in its order (ties keep the provider's order, then the reference's). */
export function visibleRows(rows: readonly DeploymentView[], query: FleetQuery): DeploymentView[] {
  const needle = query.q.trim().toLowerCase();
  const column = COLUMNS.find((c) => c.key === query.sort) ?? (COLUMNS[0] as Column);
  const kept = rows.filter(
    (d) =>
      (query.provider === "" || d.provider === query.provider) &&
      (query.status === "" || d.status === query.status) &&
      (needle === "" ||
        COLUMNS.some((c) =>
          String(c.value(d) ?? "")
            .toLowerCase()
            .includes(needle),
        )),
  );
  const sign = query.dir === "desc" ? -1 : 1;
  return kept
    .map((d, index) => ({ d, index }))
    .sort((a, b) => compare(column.value(a.d), column.value(b.d), sign) || a.index - b.index)
    .map(({ d }) => d);
}

function compare(a: string | number | null, b: string | number | null, sign: number): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  if (typeof a === "number" && typeof b === "number") return (a - b) * sign;
  return String(a).localeCompare(String(b), undefined, { numeric: true }) * sign;
}
