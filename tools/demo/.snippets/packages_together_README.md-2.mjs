import { createFleet } from "modelfleet";
import { together } from "@modelfleet/together/fleet";
const fleet = createFleet({ providers: [together()] });
const version = await fleet.getVersion("together:endpoint-d23901de-ef8f-44bf-b3e7-de9c1ca8f2d7");
