import { createFleet } from "modelfleet";
import { deepinfra } from "@modelfleet/deepinfra/fleet";
import { sieve } from "@modelfleet/sieve/fleet";
const fleet = createFleet({ providers: [sieve(), deepinfra({ apiKey: process.env.MY_DEEPINFRA_KEY })] });
const version = await fleet.getVersion("deepinfra:fkj843kjh8");
