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
