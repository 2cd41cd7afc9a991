import { createReplicateClient } from "@modelfleet/replicate";
const client = createReplicateClient();
