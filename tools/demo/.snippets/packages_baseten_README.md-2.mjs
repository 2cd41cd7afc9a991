import { createFleet } from "modelfleet";
import { baseten } from "@modelfleet/baseten/fleet";
const fleet = createFleet({ providers: [baseten()] });
const version = await fleet.getVersion("baseten:yqv4yjw@production");
