import { createFleet } from "modelfleet";
import { sieve } from "@modelfleet/sieve/fleet";
const fleet = createFleet({ providers: [sieve()] });
