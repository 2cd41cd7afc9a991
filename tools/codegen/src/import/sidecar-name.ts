/** `specs/<id>.modelfleet.yaml` sits next to the vendor document it describes. Kept apart so listing specs loads no YAML parser. */
export const SIDECAR_SUFFIX = ".modelfleet.yaml";

/** Marks a vendor's document in `specs/` (`<id>.vendor.<ext>`), which formatters and linters leave as downloaded. */
export const VENDOR_INFIX = ".vendor";
