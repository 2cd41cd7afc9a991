// The same ten calls as generated-client.ts, through plain openapi-fetch on the same generated `paths` type
// (the benchmark copies the DeepInfra schema next to this file as a declaration file).
import createClient from "openapi-fetch";
import type { paths } from "./deepinfra-schema.js";

const client = createClient<paths>({ baseUrl: "http://127.0.0.1:9", headers: { Authorization: "Bearer k" } });

/** What a caller writes to get the body or throw, since openapi-fetch returns `{ data, error }`. */
function body<T>(result: { data?: T; error?: unknown }): T {
  if (result.data === undefined) throw new Error("request failed", { cause: result.error });
  return result.data;
}

export async function tenCalls(): Promise<number> {
  const running = body(await client.GET("/deploy/list", { params: { query: { status: "running" } } }));
  const all = body(await client.GET("/deploy/list"));
  const created = body(
    await client.POST("/deploy/llm", {
      body: { model_name: "acme/llm", gpu: "A100-80GB", num_gpus: 1, settings: { min_instances: 0, max_instances: 1 } },
    }),
  );
  const gpus = body(
    await client.GET("/deploy/llm/gpu_availability", { params: { query: { base_model: "meta-llama/Llama-2-7b-chat-hf" } } }),
  );
  const one = body(await client.GET("/deploy/{deploy_id}", { params: { path: { deploy_id: created.deploy_id } } }));
  const other = body(await client.GET("/deploy/{deploy_id}", { params: { path: { deploy_id: "fkj843kjh8" } } }));
  const updated = body(
    await client.PUT("/deploy/{deploy_id}", {
      params: { path: { deploy_id: one.deploy_id } },
      body: { settings: { min_instances: 0, max_instances: 2 } },
    }),
  );
  const started = body(await client.POST("/deploy/{deploy_id}/start", { params: { path: { deploy_id: updated.deploy_id } } }));
  const stopped = body(await client.POST("/deploy/{deploy_id}/stop", { params: { path: { deploy_id: started.deploy_id } } }));
  const deleted = body(await client.DELETE("/deploy/{deploy_id}", { params: { path: { deploy_id: stopped.deploy_id } } }));
  return running.length + all.length + gpus.gpus.length + (other.instances?.running ?? 0) + deleted.deploy_id.length;
}
