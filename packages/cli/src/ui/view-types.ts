// What the UI server sends the page: plain JSON, built only from normalized fields (never a provider's raw object),
// so no key and no field a spec marks sensitive can travel in it. The page imports these types only.

/** One deployment (a `ModelVersion` without its raw object); dates as ISO strings. */
export interface DeploymentView {
  ref: string;
  provider: string;
  model: string;
  version: string;
  status: string;
  /** The provider's own status word, shown on hover. */
  providerStatus: string | null;
  /** Replica bounds; a bound the provider left out is `null`. */
  scaling: { min: number | null; max: number | null } | null;
  replicas: number | null;
  hardware: string | null;
  createdAt: string | null;
  updatedAt: string | null;
  /** What it costs per hour now, where prices are known (the Fleet table's rate column). */
  ratePerHour?: FigureView;
}

/** A money figure as the CLI prints it (`$1.23`, `$0.00-$4.00`, `?`), where it comes from, and why when unknown. */
export interface FigureView {
  text: string;
  /** `api`, `price-table`, `derived` or `unknown`; a price table replacing an API price says so. */
  source: string;
  reason: string | null;
  /** The amount (the top of a range) in micro-dollars, to sort and draw by; `null` when unknown. */
  micro: number | null;
}

/** A sum that leaves the unknown figures out and says how many. */
export interface TotalView {
  text: string;
  micro: number;
  counted: number;
  unknown: number;
}

/** Totals of one provider, or of the fleet (`provider` null). */
export interface CostTotalView {
  provider: string | null;
  deployments: number;
  ratePerHour: TotalView;
  spend: TotalView;
  /** `7`, `7 (5 unknown)`, or `?` when no deployment's figure is known, as `cost` prints them. */
  requests: string;
  idle: { value: number; text: string };
  /** The platform's own idle setting, in words, when it has one. */
  idleTimeout: string | null;
}

/** The Cost page: totals per provider and for the fleet over a window, and the idle deployments. */
export interface CostView {
  window: { from: string; to: string; text: string };
  providers: CostTotalView[];
  total: CostTotalView;
  idle: Array<{ ref: string; provider: string; hardware: string | null; ratePerHour: FigureView; requests: string }>;
  failures: Array<{ provider: string; reason: string }>;
}

/** A configured provider and what it supports. */
export interface ProviderView {
  id: string;
  name: string;
  configured: boolean;
  /** Every verb, supported or not, with the reason when not (as `modelfleet providers` says it). */
  verbs: Array<{ verb: string; supported: boolean; reason: string | null }>;
}

/** What the page needs before anything else. */
export interface SessionView {
  providers: ProviderView[];
  /** The normalized statuses, in the facade's order (the status filter offers these). */
  statuses: string[];
  allowChanges: boolean;
  /** Whether `--fleet` was given: the Plan page exists only then. */
  hasPlan: boolean;
}

/** One provider's listing: its deployments, or why it failed (the others still show). */
export interface ListingView {
  provider: string;
  deployments: DeploymentView[];
  failure: string | null;
}

/** One reference in full: the version, its model's versions (where listed) and its provider's verbs. */
export interface DeploymentDetailView {
  deployment: DeploymentView;
  modelRef: string | null;
  versions: DeploymentView[] | null;
  /** Why the versions could not be listed, when they could not. */
  versionsFailure: string | null;
  verbs: ProviderView["verbs"];
}

/** One item of a plan, as `modelfleet plan` prints it. */
export interface PlanItemView {
  ref: string;
  provider: string;
  kind: "change" | "no-op" | "cannot" | "error";
  /** The same words as the CLI's plan line. */
  description: string;
}

/** A plan of the `--fleet` file against the live fleet; `id` names it for apply. */
export interface PlanView {
  id: string;
  file: string;
  items: PlanItemView[];
  summary: { change: number; noOp: number; cannot: number; error: number };
  hasChanges: boolean;
}

/** What apply did, per reference, as `modelfleet apply` reports it. */
export interface ApplyView {
  results: Array<{ ref: string; outcome: string; description: string }>;
  summary: Record<string, number>;
  ok: boolean;
}

/** A change the page asks for on one deployment (only with `--allow-changes`). */
export type ActionRequest =
  | { verb: "scale"; ref: string; min: number; max: number }
  | { verb: "start" | "stop"; ref: string }
  | { verb: "promote" | "rollback"; ref: string; to: string };

/** Every error the server answers with. */
export interface ErrorView {
  error: string;
}
