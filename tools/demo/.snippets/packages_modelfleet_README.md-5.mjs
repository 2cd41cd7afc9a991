import { createFleet } from "modelfleet/all";
import { readFleetFile } from "modelfleet/fleet-file";
const fleet = createFleet();
const plan = await fleet.plan(await readFleetFile("fleet.yaml", { references: fleet }));
for (const item of plan.items) console.log(item.kind, item.ref, item.kind === "change" ? item.changes : "");
if (plan.hasChanges) {
  const result = await fleet.apply(plan, { concurrency: 4, signal: AbortSignal.timeout(12e4) });
  for (const r of result.results) console.log(r.outcome, r.ref, r.message ?? "");
}
