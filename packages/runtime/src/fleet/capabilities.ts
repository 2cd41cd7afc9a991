/**
 * What the facade can do with one provider, known before any request: one flag per facade verb. The four
 * below exist today; a later verb (e.g. `start`, `stop`, `promote`, `rollback`) is added as an optional flag
 * here and an optional method on {@link FleetProvider}, so providers that do not implement it need no change
 * and the facade learns no provider by name.
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
}

/** A facade verb, e.g. `scale`. */
export type Verb = keyof Capabilities;
