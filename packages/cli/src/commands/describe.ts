import type { ModelVersion } from "modelfleet/all";
import type { Colors } from "../output.js";
import { escapeControls, formatCount, formatDate, formatScaling, formatStatus, renderTable } from "../output.js";

/** One version as `field value` lines, for `get`. */
export function describeVersion(version: ModelVersion, colors: Colors): string {
  return renderTable(
    undefined,
    [
      ["reference", escapeControls(version.ref)],
      ["provider", version.provider],
      ["model", escapeControls(version.model)],
      ["version", escapeControls(version.version)],
      ["status", formatStatus(version, colors)],
      ["scaling", formatScaling(version.scaling)],
      ["replicas", formatCount(version.replicas)],
      ["hardware", escapeControls(version.hardware ?? "-")],
      ["created", formatDate(version.createdAt)],
      ["updated", formatDate(version.updatedAt)],
    ].map(([field, value]) => [colors.dim(field as string), value as string]),
    colors,
  );
}

/** The fields that `scale` changes or that tell whether it took, on one line. */
export function scaleLine(version: ModelVersion, colors: Colors): string {
  return `status ${formatStatus(version, colors)}  scaling ${formatScaling(version.scaling)}  replicas ${formatCount(version.replicas)}`;
}
