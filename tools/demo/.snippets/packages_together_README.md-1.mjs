import { createTogetherClient } from "@modelfleet/together";
const client = createTogetherClient();
