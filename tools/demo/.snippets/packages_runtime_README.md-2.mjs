import { createDeepInfraClient, NotFoundError } from "@modelfleet/deepinfra";
const deepinfra = createDeepInfraClient();
const running = await deepinfra.listDeployments({ status: "running" });
await deepinfra.updateDeployment({ deploy_id: "fkj843kjh8", body: { settings: { min_instances: 0, max_instances: 2 } } });
try {
  await deepinfra.getDeployment({ deploy_id: "missing" }, { timeoutMs: 5e3 });
} catch (error) {
  if (NotFoundError.isInstance(error)) console.log(error.providerMessage, error.requestId);
}
const { data, response } = await deepinfra.raw.GET("/deploy/list", { params: { query: { status: "running" } } });
