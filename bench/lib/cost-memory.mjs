// Child process of the cost stage (run with --expose-gc): the peak heap growth of one listing or one cost report
// over a made-up fleet, sampled every millisecond after a full GC. Prints one JSON line.
//   node --expose-gc lib/cost-memory.mjs <list|cost> <deployments>
import { madeUpFleet } from "./cost-fleet.mjs";

const [mode, countText] = process.argv.slice(2);
const count = Number(countText);
const { fleet } = madeUpFleet({ providers: 1, count, pageSize: 500, rttMs: 0 });
globalThis.gc();
const before = process.memoryUsage().heapUsed;
let peak = before;
const timer = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().heapUsed);
}, 1);
let kept;
if (mode === "list") kept = await fleet.listDeployments().settled();
else kept = await fleet.cost({ window: "24h" });
clearInterval(timer);
peak = Math.max(peak, process.memoryUsage().heapUsed);
globalThis.gc();
const retained = process.memoryUsage().heapUsed - before;
const items = mode === "list" ? kept.versions.length : kept.deployments.length;
if (items !== count) throw new Error(`${mode} returned ${items} of ${count}`);
process.stdout.write(`${JSON.stringify({ mode, count, peakBytes: peak - before, retainedBytes: retained })}\n`);
