import { createFleet } from "modelfleet";
import { opperV2 } from "@modelfleet/opper-v2/fleet";
const fleet = createFleet({ providers: [opperV2()] });
