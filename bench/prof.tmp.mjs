import { madeUpFleet } from "/work/wt/cost-facade/bench/lib/cost-fleet.mjs";
for (const rtt of [0, 50]) {
  const { fleet } = madeUpFleet({ providers: 4, count: 1000, pageSize: 250, rttMs: rtt });
  for (let i = 0; i < 4; i++) {
    let t = performance.now(); await fleet.listDeployments().settled(); const l = performance.now() - t;
    t = performance.now(); await fleet.cost({ window: "24h" }); const c = performance.now() - t;
    console.log(rtt, l.toFixed(1), c.toFixed(1));
  }
}
