import { createFleet } from "modelfleet/all";
const fleet = createFleet({
  sieve: { apiKey: process.env.MY_SIEVE_KEY },
  // explicit: checked at once
  modzy: false,
  // left out even if MODZY_API_KEY is set
  // the others: configured when their variable is set (DEEPINFRA_API_KEY, OPPER_API_KEY, REPLICATE_API_TOKEN, …)
  huggingface: { namespaces: ["acme-ml"] },
  // key from HF_TOKEN; endpoints are listed per namespace (or HF_NAMESPACE=a,b)
  "opper-v2": false,
  // Opper's legacy v2 API reads OPPER_API_KEY too; leave it out on a v3 account
  maxRetries: 3,
  timeoutMs: 3e4,
  // passed to every client; a provider's own entry wins
  concurrency: 4
  // providers asked at once by listDeployments
});
fleet.providers();
fleet.capabilities("opper");
fleet.client("deepinfra");
