import { createFleet } from "modelfleet/all";
const fleet = createFleet();
for await (const d of fleet.listDeployments({ status: "ready" })) console.log(d.ref, d.model, d.hardware);
const scaled = await fleet.scale("deepinfra:fkj843kjh8", { min: 0, max: 2 });
console.log(scaled.ref, scaled.status, scaled.scaling);
