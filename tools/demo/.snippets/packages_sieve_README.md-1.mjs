import { createSieveClient } from "@modelfleet/sieve";
const client = createSieveClient();
