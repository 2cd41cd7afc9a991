/** What the facade can do with one provider, known before any request. */
export interface Capabilities {
  /** `getVersion(ref)`. */
  getVersion: boolean;
  /** `listVersions(modelRef)`. */
  listVersions: boolean;
  /** Taking part in `listDeployments()`. */
  listDeployments: boolean;
  /** `scale(ref, { min, max })`. */
  scale: boolean;
}
