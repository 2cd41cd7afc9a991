import { fileURLToPath } from "node:url";
import { describeContract } from "@modelfleet/test-utils/contract";
import { createOpperClient } from "./index.js";

// Calls every operation of the spec through the client against a Prism mock built from the same spec, and
// expects the spec's examples back. Add this provider's negative cases (no key, invalid body) as a third
// argument; see specs/README.md.
describeContract("opper", {
  spec: fileURLToPath(new URL("../../../specs/opper.yaml", import.meta.url)),
  createClient: createOpperClient,
});
