import { createModzyClient } from "@modelfleet/modzy";
const client = createModzyClient();
