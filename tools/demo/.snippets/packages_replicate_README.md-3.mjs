import { createFleet } from "modelfleet";
import { replicate } from "@modelfleet/replicate/fleet";
const fleet = createFleet({ providers: [replicate()] });
const deployment = await fleet.getVersion("replicate:acme/image-gen");
const version = await fleet.getVersion("replicate:stability-ai/sdxl@da77bc59ee60423279fd632efb4795ab731d9e3ca9705ef3341091fb989b7eaf");
