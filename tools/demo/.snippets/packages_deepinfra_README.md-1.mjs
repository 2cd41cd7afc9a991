import { createDeepInfraClient } from "@modelfleet/deepinfra";
const client = createDeepInfraClient();
