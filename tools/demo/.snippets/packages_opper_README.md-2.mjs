import { createFleet } from "modelfleet";
import { opper } from "@modelfleet/opper/fleet";
const fleet = createFleet({ providers: [opper()] });
