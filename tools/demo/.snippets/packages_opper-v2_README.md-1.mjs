import { createOpperV2Client } from "@modelfleet/opper-v2";
const client = createOpperV2Client();
