import { createFleet } from "modelfleet";
import { modzy } from "@modelfleet/modzy/fleet";
const fleet = createFleet({ providers: [modzy()] });
await fleet.start("modzy:ed542963de@0.0.27");
