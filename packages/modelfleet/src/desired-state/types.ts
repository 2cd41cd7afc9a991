import type { Scaling, VersionStatus } from "@modelfleet/runtime/fleet";
import type { PriceTable } from "../cost/price-table.js";

/** Whether a deployment should serve: `running` (whatever its replica bounds) or `stopped` (kept, not serving). */
export type DeploymentState = "running" | "stopped";

/** Replica bounds as a fleet file states them: integers with 0 ≤ min ≤ max. */
export interface DesiredScaling {
  min: number;
  max: number;
}

/** One deployment as it should be. Fields left out are not managed: whatever they are stays. */
export interface DesiredDeployment {
  /** A version reference in its provider's form (`modelfleet providers` lists them). */
  ref: string;
  scaling?: DesiredScaling;
  /** On providers that can start or stop (capabilities `start`, `stop`). */
  state?: DeploymentState;
  /**
   * The version the reference should serve, in the provider's words (as `ModelVersion.version` shows it), on
   * providers that can promote or roll back; the reference then names what serves (an alias, an environment).
   */
  version?: string;
}

/** The desired state of a fleet, as a fleet file holds it (YAML or JSON, see `fleet.schema.json`). */
export interface DesiredState {
  /** Where editors find the JSON Schema; ignored otherwise. */
  $schema?: string;
  deployments: readonly DesiredDeployment[];
  /** Your own prices, for `fleet.cost()` (see {@link PriceTable}); plan and apply ignore them. */
  prices?: PriceTable;
}

/** What the plan saw of a deployment: the fields a plan compares, never the provider's raw object. */
export interface ObservedState {
  /** The version the reference resolved to (for an alias such as `@latest`, the id of the version it named then). */
  version: string;
  status: VersionStatus;
  providerStatus: string | null;
  scaling: Scaling | null;
  /** `running` for a version on its way up or serving, `stopped` when stopped, `null` when failed, deleted or unknown. */
  state: DeploymentState | null;
}

/** One difference between a deployment and its desired state. */
export type PlannedChange =
  | { field: "version"; from: string; to: string }
  | { field: "scaling"; from: Scaling | null; to: DesiredScaling }
  | { field: "state"; from: DeploymentState | null; to: DeploymentState };

/** Why a reference cannot be brought to its desired state. */
export type CannotReason =
  /** The provider lacks the capability the change needs (see `fleet.capabilities()`); the message starts `capability missing`. */
  | "unsupported"
  /** The provider answered 404 for the reference. */
  | "not-found"
  /** The provider has no key in this fleet. */
  | "not-configured"
  /** The deployment is failed, deleted or in an unknown status, so it can be neither started nor stopped. */
  | "status";

interface PlanItemBase {
  /** The reference as the desired state names it. */
  ref: string;
  provider: string;
  desired: DesiredDeployment;
}

/** The deployment differs from its desired state, and the fleet can change it. */
export interface PlanChangeItem extends PlanItemBase {
  kind: "change";
  current: ObservedState;
  /** Applied in this order: version first (scaling then applies to the version served), scaling, state (a start brings the new bounds up). */
  changes: PlannedChange[];
}

/** The deployment already is as desired. */
export interface PlanNoOpItem extends PlanItemBase {
  kind: "no-op";
  current: ObservedState;
}

/** The deployment differs (or could not be compared) and the fleet cannot change it. */
export interface PlanCannotItem extends PlanItemBase {
  kind: "cannot";
  reason: CannotReason;
  message: string;
  /** What was read, when the reference could be read. */
  current: ObservedState | null;
  /** The changes it would take, when they are known. */
  changes: PlannedChange[];
}

/** Reading the deployment failed (network, 5xx, 401, ...): nothing is known about it. */
export interface PlanErrorItem extends PlanItemBase {
  kind: "error";
  message: string;
  /** What the provider's client threw (a `ModelfleetError`; its JSON form has the request id, never a key). */
  error: unknown;
}

/** One reference of a plan. */
export type PlanItem = PlanChangeItem | PlanNoOpItem | PlanCannotItem | PlanErrorItem;

/** Counts of a plan's items by kind. */
export interface PlanSummary {
  change: number;
  noOp: number;
  cannot: number;
  error: number;
}

/** What `fleet.plan(desired)` found: one item per reference of the desired state, in its order. */
export interface FleetPlan {
  items: PlanItem[];
  summary: PlanSummary;
  /** Some reference would change. */
  hasChanges: boolean;
}

/** Options of `fleet.plan`. */
export interface PlanOptions {
  /** How many references are read at once. Default 4. */
  concurrency?: number;
  /** Aborts the reads; the plan then rejects with the platform's `AbortError`. */
  signal?: AbortSignal;
}

/** How one reference fared in `fleet.apply`. */
export type ApplyOutcome =
  /** Every planned change was made. */
  | "applied"
  /** Nothing to do: the plan had no change, or the deployment had reached the desired state since. */
  | "no-op"
  /** The plan could not change it (a `cannot` or `error` item); nothing was sent. */
  | "skipped"
  /** The deployment changed between plan and apply in a way the plan did not expect; nothing was written. */
  | "conflict"
  /** A read or write failed; `applied` lists what was done before. */
  | "failed"
  /** The signal aborted before or during this reference; `applied` lists what was done before. */
  | "aborted";

/** The result for one reference of an applied plan. */
export interface ApplyItemResult {
  ref: string;
  provider: string;
  outcome: ApplyOutcome;
  /** The changes made, in order. */
  applied: PlannedChange[];
  /** Why it was skipped, conflicted, failed or aborted; `null` when applied or a no-op. */
  message: string | null;
  /** What failed, for `failed` (a `ModelfleetError`; its JSON form has the request id, never a key). */
  error?: unknown;
  /** The deployment as last read or returned by a write; `null` when nothing was read. */
  after: ObservedState | null;
}

/** What `fleet.apply(plan)` did: one result per plan item, in the plan's order. */
export interface ApplyResult {
  results: ApplyItemResult[];
  /** Counts by outcome. */
  summary: Record<ApplyOutcome, number>;
  /** Every reference was applied or a no-op. */
  ok: boolean;
}

/** Options of `fleet.apply`. */
export interface ApplyOptions {
  /** How many references are worked on at once. Default 4. */
  concurrency?: number;
  /** Stops the apply: references not started are `aborted`, the request in flight is cancelled. The result still resolves. */
  signal?: AbortSignal;
  /** Called as each reference finishes, e.g. for a progress line. */
  onResult?: (result: ApplyItemResult, done: number, total: number) => void;
}
