import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import type { IncomingHttpHeaders } from "node:http";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { startFakeServer } from "@modelfleet/test-utils/fake-http";
import { baseUrlEnvVar, PROVIDER_IDS, type ProviderId } from "modelfleet/all";

/** The built binary, for the tests that need a process (exit codes as a shell sees them, terminals, signals). */
export const CLI = fileURLToPath(new URL("../dist/cli.js", import.meta.url));

/** Keys as a user's environment would hold them; no output may ever contain one. */
export const KEYS = {
  SIEVE_API_KEY: "sieve-key-SECRET-0001",
  MODZY_API_KEY: "modzy-key-SECRET-0002",
  DEEPINFRA_API_KEY: "deepinfra-key-SECRET-0003",
  OPPER_API_KEY: "opper-key-SECRET-0004",
  BASETEN_API_KEY: "baseten-key-SECRET-0005",
  TOGETHER_API_KEY: "together-key-SECRET-0006",
} as const;

/** `opper-v2` → `OPPER_V2`: the spelling `baseUrlEnvVar` gives a provider id, at the type level. */
type EnvSpelling<Id extends string> = Id extends `${infer Head}-${infer Tail}` ? `${Uppercase<Head>}_${EnvSpelling<Tail>}` : Uppercase<Id>;
type BaseUrlVariable = `${EnvSpelling<ProviderId>}_BASE_URL`;

/** A request as the fake provider received it. */
export interface FakeRequest {
  method: string;
  /** Path without the provider prefix, e.g. `/deploy/list`. */
  path: string;
  provider: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: unknown;
}

/** A canned answer; `hang: true` reads the request and never answers (a provider that went silent). */
export interface FakeReply {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  hang?: boolean;
}

/** Routes keyed `METHOD /provider/path`; a function sees the request (to keep state, echo it, or answer late). */
export type Routes = Record<string, FakeReply | ((request: FakeRequest) => FakeReply | Promise<FakeReply>)>;

/**
 * One node:http server on 127.0.0.1 (port 0) standing in for every provider, each under its own path prefix
 * (`<url>/sieve`, `<url>/modzy`, ...). Unrouted requests get a 404 naming the route, so a wrong URL shows up in
 * the CLI's error line instead of a hang.
 */
export async function startFakeProviders(routes: Routes) {
  const requests: FakeRequest[] = [];
  const server = await startFakeServer(async (seen, outgoing) => {
    const url = new URL(seen.url, "http://127.0.0.1");
    const [, provider = "", ...rest] = url.pathname.split("/");
    const request: FakeRequest = {
      method: seen.method || "GET",
      provider,
      path: `/${rest.join("/")}`,
      query: url.searchParams,
      headers: seen.headers,
      body: seen.body ? safeParse(seen.body) : undefined,
    };
    requests.push(request);
    const route = routes[`${request.method} ${url.pathname}`];
    const reply = typeof route === "function" ? await route(request) : route;
    if (reply?.hang) return;
    const {
      status = 200,
      body,
      headers = {},
    } = reply ?? { status: 404, body: { message: `no route for ${request.method} ${url.pathname}` } };
    outgoing.writeHead(status, { "content-type": "application/json", ...headers });
    outgoing.end(body === undefined ? undefined : JSON.stringify(body));
  });
  const origin = server.baseUrl;
  let stopped: Promise<void> | undefined;
  return {
    origin,
    requests,
    /** `<PROVIDER>_BASE_URL` for every provider, pointing at this server. */
    baseUrlEnv: Object.fromEntries(PROVIDER_IDS.map((id) => [baseUrlEnvVar(id), `${origin}/${id}`])) as Record<BaseUrlVariable, string>,
    /** Stops the server; stopping it again does nothing. */
    stop: () => (stopped ??= server.close()),
  };
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** What one run of the binary produced. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Every run's output, so a suite can check at the end that no key was ever printed. */
export const allOutput: string[] = [];

/**
 * Runs the CLI's `main` in this process with exactly `env` (plus PATH) as its environment: nothing leaks in from the
 * developer's own, such as real keys or FORCE_COLOR. Its stdout and stderr are pipes as far as it can tell (no TTY,
 * no width); `input` is its stdin. In-process because these tests run hundreds of commands, and each child process
 * would load Node, the facade and every provider again; `main` is what the binary runs (`src/cli.ts` adds only
 * the process wiring, which {@link runCliProcess} covers).
 */
export async function runCli(args: readonly string[], env: Record<string, string> = {}, input?: string): Promise<CliRun> {
  const { main } = await import("./main.js");
  let stdout = "";
  let stderr = "";
  const code = await main(args, {
    stdout: {
      write: (text: string) => {
        stdout += text;
        return true;
      },
    },
    stderr: {
      write: (text: string) => {
        stderr += text;
        return true;
      },
    },
    stdin: Readable.from(input === undefined ? [] : [input]),
    env: { PATH: process.env.PATH ?? "", ...env },
  });
  allOutput.push(stdout, stderr);
  return { code, stdout, stderr };
}

/**
 * Runs the built CLI as a child process with exactly `env` (plus PATH), for what only a process shows: the binary
 * as `npm run build` produces it, its exit code as the shell sees it, signals. `input` is written to its stdin (a
 * pipe, not a terminal).
 */
export function runCliProcess(args: readonly string[], env: Record<string, string> = {}, input?: string): Promise<CliRun> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run the build first (turbo runs it before these tests)`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { PATH: process.env.PATH ?? "", ...env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding("utf8").on("data", (d: string) => {
      stderr += d;
    });
    child.once("error", reject);
    child.once("close", (code) => {
      allOutput.push(stdout, stderr);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(input);
  });
}

/** Whether util-linux `script` is here to give a child a real pseudo-terminal. */
export function hasScript(): boolean {
  return process.platform === "linux" && ["/usr/bin/script", "/bin/script"].some((p) => existsSync(p));
}

/**
 * Runs the built CLI on a real pseudo-terminal (util-linux `script`), so that stdin, stdout and stderr are TTYs as
 * at a keyboard. Once `waitFor` appears in the output, `answer` is typed. Output is the terminal's (stdout and
 * stderr merged, with CR LF line ends).
 */
export function runCliOnTerminal(
  args: readonly string[],
  env: Record<string, string>,
  interaction?: { waitFor: string; answer: string },
): Promise<{ code: number | null; output: string }> {
  const command = [process.execPath, CLI, ...args].map(shellQuote).join(" ");
  return new Promise((resolve, reject) => {
    // -q: no banner; -e: exit with the child's code; -c: the command; /dev/null: no typescript file.
    const child = spawn("script", ["-qec", command, "/dev/null"], {
      env: { PATH: process.env.PATH ?? "", TERM: "xterm", ...env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let output = "";
    let answered = false;
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      output += d;
      if (interaction && !answered && output.includes(interaction.waitFor)) {
        answered = true;
        child.stdin.write(interaction.answer);
      }
    });
    child.stderr.setEncoding("utf8").on("data", (d: string) => {
      output += d;
    });
    child.once("error", reject);
    child.once("close", (code) => {
      allOutput.push(output);
      resolve({ code, output });
    });
  });
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The deployment DeepInfra holds in the fake, with bounds that `scale` changes. */
export function deepinfraDeployment(id: string, settings = { min_instances: 1, max_instances: 2 }) {
  return {
    deploy_id: id,
    model_name: "acme/llama-3-8b",
    version: "d8b79b422843bd59d628bf25b01aded94a9ec1a9",
    task: "text-generation",
    status: "running",
    fail_reason: "",
    created_at: "2026-01-02T03:04:05Z",
    updated_at: "2026-01-03T04:05:06Z",
    settings,
    instances: { running: 1, pending: 0 },
    config: { gpu: "A100-80GB", num_gpus: 2 },
  };
}

/** The deployment Baseten holds in the fake, with autoscaling bounds that `scale` changes. */
export function basetenDeployment(bounds = { min_replica: 1, max_replica: 4 }) {
  return {
    id: "qvv0xeq",
    created_at: "2026-01-05T06:07:08.000Z",
    name: "deployment-2",
    model_id: "yqv4yjw",
    is_production: true,
    is_development: false,
    status: "ACTIVE",
    active_replica_count: 2,
    autoscaling_settings: {
      ...bounds,
      autoscaling_window: 60,
      scale_down_delay: 900,
      concurrency_target: 1,
      target_utilization_percentage: 70,
    },
    instance_type_name: "1x A10G",
    environment: "production",
    request_backpressure_settings: { policy: null },
  };
}

/** The endpoint Together holds in the fake, with autoscaling bounds that `scale` changes. */
export function togetherEndpoint(autoscaling = { min_replicas: 1, max_replicas: 2 }) {
  return {
    object: "endpoint",
    id: "endpoint-d23901de",
    name: "devuser/meta-llama/Llama-3-8b-chat-hf-a32b82a1",
    display_name: "llama",
    model: "meta-llama/Llama-3-8b-chat-hf",
    hardware: "1x_nvidia_a100_80gb_sxm",
    type: "dedicated",
    owner: "devuser",
    state: "STARTED",
    autoscaling,
    created_at: "2026-01-06T07:08:09.000Z",
  };
}

/**
 * A working fleet: one deployment per provider, and DeepInfra, Baseten and Together deployments whose bounds follow
 * their updates.
 */
export function healthyRoutes(): Routes {
  let settings = { min_instances: 1, max_instances: 2 };
  let basetenBounds = { min_replica: 1, max_replica: 4 };
  let togetherBounds = { min_replicas: 1, max_replicas: 2 };
  return {
    "GET /sieve/v2/functions": {
      body: [
        {
          name: "whisper",
          owner_name: "acme",
          latest_version: {
            id: "v-whisper-7",
            build_status: "ready",
            queued_at: "2026-01-01T10:00:00",
            ready_at: "2026-01-01T10:05:00",
            minimum_replicas: 0,
            maximum_replicas: 4,
            current_workers: { active: 1, idle: 1 },
            compute_type: "l4",
          },
        },
      ],
    },
    "GET /sieve/v2/functions/acme/whisper/versions": {
      body: [
        { id: "v-whisper-7", build_status: "ready", queued_at: "2026-01-01T10:00:00", minimum_replicas: 0, maximum_replicas: 4 },
        { id: "v-whisper-6", build_status: "error", queued_at: "2025-12-01T10:00:00" },
      ],
    },
    "GET /modzy/models": { body: [{ modelId: "ed542963de", latestVersion: "1.0.2" }] },
    "GET /modzy/models/ed542963de/versions/1.0.2": {
      body: {
        version: "1.0.2",
        status: "active",
        createdAt: "2025-11-30T12:00:00.000+0000",
        updatedAt: "2025-12-30T12:00:00.000+0000",
        model: { modelId: "ed542963de" },
        processing: { minimumParallelCapacity: 1, maximumParallelCapacity: 3 },
      },
    },
    "GET /deepinfra/deploy/list": () => ({ body: [deepinfraDeployment("fkj843kjh8", settings)] }),
    "GET /deepinfra/deploy/fkj843kjh8": () => ({ body: deepinfraDeployment("fkj843kjh8", settings) }),
    "PUT /deepinfra/deploy/fkj843kjh8": (request) => {
      settings = (request.body as { settings: typeof settings }).settings;
      return { body: { deploy_id: "fkj843kjh8" } };
    },
    // Opper v3: the function listing names no revision; each function's revision listing says which is current.
    "GET /opper/v3/functions": {
      body: {
        functions: [{ name: "support/triage", schema_hash: "5e0c", generated_at: "2026-01-02T00:00:00Z", hit_count: 12, has_script: true }],
      },
    },
    "GET /opper/v3/functions/support%2Ftriage/revisions": {
      body: {
        revisions: [
          { revision_id: 1, created_at: "2026-01-02T00:00:00Z", schema_hash: "5e0c", is_current: false },
          { revision_id: 2, created_at: "2026-01-05T00:00:00Z", schema_hash: "5e0c", is_current: true },
        ],
      },
    },
    "GET /opper-v2/functions": {
      body: {
        meta: { total_count: 1 },
        data: [{ id: "f-1", name: "summarize-ticket", revision_id: "r-9", updated_at: "2026-01-04T00:00:00Z" }],
      },
    },
    "GET /baseten/v1/models": { body: { models: [{ id: "yqv4yjw", name: "llama-support" }] } },
    "GET /baseten/v1/models/yqv4yjw/deployments": () => ({ body: { deployments: [basetenDeployment(basetenBounds)] } }),
    "GET /baseten/v1/models/yqv4yjw/deployments/production": () => ({ body: basetenDeployment(basetenBounds) }),
    "PATCH /baseten/v1/models/yqv4yjw/deployments/production/autoscaling_settings": (request) => {
      basetenBounds = request.body as typeof basetenBounds;
      return { body: { status: "ACCEPTED", message: "Autoscaling settings updated." } };
    },
    "GET /together/endpoints": () => {
      const { display_name: _, hardware: __, autoscaling: ___, ...listed } = togetherEndpoint(togetherBounds);
      return { body: { object: "list", data: [listed] } };
    },
    "GET /together/endpoints/endpoint-d23901de": () => ({ body: togetherEndpoint(togetherBounds) }),
    "PATCH /together/endpoints/endpoint-d23901de": (request) => {
      togetherBounds = (request.body as { autoscaling: typeof togetherBounds }).autoscaling;
      return { body: togetherEndpoint(togetherBounds) };
    },
  };
}
