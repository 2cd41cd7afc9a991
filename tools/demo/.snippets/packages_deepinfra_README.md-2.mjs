import { createFleet } from "modelfleet";
import { deepinfra } from "@modelfleet/deepinfra/fleet";
const fleet = createFleet({ providers: [deepinfra()] });
await fleet.stop("deepinfra:fkj843kjh8");
await fleet.waitFor("deepinfra:fkj843kjh8", "stopped", { timeoutMs: 3e5 });
