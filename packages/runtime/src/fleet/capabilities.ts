/**
 * What the facade can do with one provider, known before any request: one flag per facade verb. The first four
 * are required; every later verb (`start`, `stop`, `promote`, `rollback`, `price`, `usage`, and any added after them) is an
 * optional flag here and an optional method on {@link FleetProvider}, so providers that do not implement it need
 * no change and the facade learns no provider by name. A missing flag means `false`. Declare a flag `true` in
 * the provider's `ProviderTypes["capabilities"]` (as a literal type) and implement its method: the facade then
 * accepts the provider's references for that verb at compile time, and refuses a provider whose flag is `true`
 * without the method when the fleet is created.
 */
export interface Capabilities {
  /** `getVersion(ref)`. */
  readonly getVersion: boolean;
  /** `listVersions(modelRef)`. */
  readonly listVersions: boolean;
  /** Taking part in `listDeployments()`. */
  readonly listDeployments: boolean;
  /** `scale(ref, { min, max })`. */
  readonly scale: boolean;
  /** `start(ref)`: brings a stopped deployment back up (a platform's start, resume or activate). Absent means `false`. */
  readonly start?: boolean;
  /** `stop(ref)`: takes a deployment down while keeping it, to start it again later (stop, pause, deactivate). Absent means `false`. */
  readonly stop?: boolean;
  /** `promote(ref, { version })`: makes a given version the one a reference serves (promote to production, set active). Absent means `false`. */
  readonly promote?: boolean;
  /** `rollback(ref, { version })`: returns a reference to a version it served before (rollback, revert). Absent means `false`. */
  readonly rollback?: boolean;
  /** `price`: the unit price of one running replica of a deployment's hardware, from the platform's catalogue. Absent means `false`. */
  readonly price?: boolean;
  /** `usage`: spend and/or request count of a deployment over a window, as the platform reports them. Absent means `false`. */
  readonly usage?: boolean;
}

/** Every verb, in the order `providers` and the docs list them. */
export const VERBS = [
  "getVersion",
  "listVersions",
  "listDeployments",
  "scale",
  "start",
  "stop",
  "promote",
  "rollback",
  "price",
  "usage",
] as const satisfies readonly (keyof Capabilities)[];

/** The verbs that change a deployment after `scale`: optional in {@link Capabilities}, each with its optional method on `FleetProvider`. */
export const LIFECYCLE_VERBS = ["start", "stop", "promote", "rollback"] as const satisfies readonly (keyof Capabilities)[];

/** A facade verb, e.g. `scale`. */
export type Verb = keyof Capabilities;

/** The read-only cost verbs: optional in {@link Capabilities}, each with its optional method on `FleetProvider`. */
export const COST_VERBS = ["price", "usage"] as const satisfies readonly (keyof Capabilities)[];
