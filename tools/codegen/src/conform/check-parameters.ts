import type { ParameterEntry } from "../openapi/operations.js";
import { type Finding, finding } from "./finding.js";
import type { OperationPair } from "./match-operations.js";

/**
 * Query, header and cookie parameters (path parameters are compared by position, through the path): every parameter
 * the vendor requires is declared and required in ours, and every one we declare exists in the vendor's.
 */
export function checkParameters(pair: OperationPair): Finding[] {
  const findings: Finding[] = [];
  const ours = byKey(pair.ours.parameters);
  const vendor = byKey(pair.vendor.parameters);
  for (const [key, theirs] of vendor) {
    if (theirs.parameter.required !== true) continue;
    const mine = ours.get(key);
    const name = `${theirs.parameter.in} parameter \`${theirs.parameter.name}\``;
    if (!mine)
      findings.push(
        finding(
          "conform/parameter-missing",
          `${pair.label}: the vendor requires the ${name}; ours does not declare it`,
          pair.ours.pointer,
          theirs.pointer,
        ),
      );
    else if (mine.parameter.required !== true)
      findings.push(
        finding(
          "conform/parameter-not-required",
          `${pair.label}: the vendor requires the ${name}; ours makes it optional`,
          mine.pointer,
          theirs.pointer,
        ),
      );
  }
  for (const [key, mine] of ours) {
    if (vendor.has(key)) continue;
    findings.push(
      finding(
        "conform/parameter-unknown",
        `${pair.label}: the vendor's operation declares no ${mine.parameter.in} parameter \`${mine.parameter.name}\``,
        mine.pointer,
        pair.vendor.pointer,
      ),
    );
  }
  return findings;
}

function byKey(parameters: ParameterEntry[]): Map<string, ParameterEntry> {
  const map = new Map<string, ParameterEntry>();
  for (const entry of parameters) {
    const { in: where, name } = entry.parameter;
    if (where === "path") continue;
    // Header names are case-insensitive on the wire.
    map.set(`${where}:${where === "header" ? name.toLowerCase() : name}`, entry);
  }
  return map;
}
