import { createFleet } from "modelfleet";
import { huggingface } from "@modelfleet/huggingface/fleet";
const fleet = createFleet({ providers: [huggingface({ namespaces: ["acme-ml"] })] });
const endpoint = await fleet.getVersion("huggingface:acme-ml/my-endpoint-name");
