// Ten calls through the generated DeepInfra client: the same ten calls as openapi-fetch.ts.
import { createDeepInfraClient } from "@modelfleet/deepinfra";

const deepinfra = createDeepInfraClient({ apiKey: "k", baseUrl: "http://127.0.0.1:9" });

export async function tenCalls(): Promise<number> {
  const running = await deepinfra.listDeployments({ status: "running" });
  const all = await deepinfra.listDeployments();
  const created = await deepinfra.createLlmDeployment({
    body: { model_name: "acme/llm", gpu: "A100-80GB", num_gpus: 1, settings: { min_instances: 0, max_instances: 1 } },
  });
  const gpus = await deepinfra.getGpuAvailability({ base_model: "meta-llama/Llama-2-7b-chat-hf" });
  const one = await deepinfra.getDeployment({ deploy_id: created.deploy_id });
  const other = await deepinfra.getDeployment({ deploy_id: "fkj843kjh8" });
  const updated = await deepinfra.updateDeployment({
    deploy_id: one.deploy_id,
    body: { settings: { min_instances: 0, max_instances: 2 } },
  });
  const started = await deepinfra.startDeployment({ deploy_id: updated.deploy_id });
  const stopped = await deepinfra.stopDeployment({ deploy_id: started.deploy_id });
  const deleted = await deepinfra.deleteDeployment({ deploy_id: stopped.deploy_id });
  return running.length + all.length + gpus.gpus.length + (other.instances?.running ?? 0) + deleted.deploy_id.length;
}
