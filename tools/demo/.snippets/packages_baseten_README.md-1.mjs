import { createBasetenClient } from "@modelfleet/baseten";
const client = createBasetenClient();
