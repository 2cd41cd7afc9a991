import { type MockProvider, startMockProvider } from "@modelfleet/mock-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exampleParams, type LoadedSpec, loadSpec, successExamples } from "./spec.js";

/** A key no provider would accept: the mock only checks that one is there. */
export const DUMMY_KEY = "contract-test-key";

/** The client options a contract test passes; every generated `create<Name>Client` accepts them. */
export interface ContractClientOptions {
  apiKey: string;
  baseUrl: string;
  maxRetries: number;
  fetch?: (request: Request) => Promise<Response>;
}

/** What {@link describeContract} hands to the provider's own extra tests. */
export interface ContractContext<Client> {
  /** The running mock (available inside tests and hooks, not while the suite is being collected). */
  mock(): MockProvider;
  /** A client of the provider pointed at the mock, with a dummy key and no retries. */
  client(options?: Partial<ContractClientOptions>): Client;
  spec: LoadedSpec;
}

type Method = (params?: unknown, options?: { headers?: Record<string, string> }) => Promise<unknown>;

// Prism needs about 2 s to start on an idle machine, and far more when every package's suite starts one at once
// on a busy one: the mock is waited for until it answers or exits (no time budget). These vitest limits only
// catch a hang, never a slow machine.
const HOOK_TIMEOUT_MS = 600_000;
const TEST_TIMEOUT_MS = 300_000;

/**
 * The contract suite of one provider: starts a Prism mock of its spec (once for the file), then calls every
 * operation the spec declares through the generated client, with the spec's parameter and body examples, and
 * expects the parsed result to equal the spec's response example (each named example, picked with
 * `Prefer: example=<name>`). The mock rejects any request the spec does not allow, so a client that sends
 * something else fails here. `more` adds the provider's own tests (negative cases) inside the same suite.
 */
export function describeContract<Client extends object>(
  provider: string,
  options: { spec: string; createClient: (options: ContractClientOptions) => Client },
  more?: (context: ContractContext<Client>) => void,
): void {
  const spec = loadSpec(options.spec);
  let mock: MockProvider | undefined;
  const context: ContractContext<Client> = {
    spec,
    mock() {
      if (!mock) throw new Error("the mock is not running yet: use it inside a test or hook");
      return mock;
    },
    client(overrides = {}) {
      return options.createClient({ apiKey: DUMMY_KEY, baseUrl: context.mock().url, maxRetries: 0, ...overrides });
    },
  };

  describe(`${provider} contract (mock built from ${spec.file.split(/[\\/]/).slice(-2).join("/")})`, { timeout: TEST_TIMEOUT_MS }, () => {
    beforeAll(async () => {
      mock = await startMockProvider({ spec: options.spec });
    }, HOOK_TIMEOUT_MS);
    afterAll(() => mock?.stop());

    // A list operation declaring `x-modelfleet-pagination` also gets its two iterators.
    const paginated = spec.operations.filter((op) => isPaginated(op.operation));

    it("the client has exactly one method per operation of the spec, and two iterators per paginated one", () => {
      const client = options.createClient({ apiKey: DUMMY_KEY, baseUrl: "http://127.0.0.1:9", maxRetries: 0 });
      const methods = Object.keys(client).filter((key) => key !== "raw");
      const expected = spec.operations.flatMap((op) =>
        isPaginated(op.operation) ? [op.operationId, `${op.operationId}Pages`, `${op.operationId}All`] : [op.operationId],
      );
      expect(methods.sort()).toEqual(expected.sort());
    });

    for (const op of paginated) {
      it(`${op.operationId}All: iterates the mock's example page to its end`, async () => {
        const client = context.client() as Record<string, (params: unknown) => AsyncIterable<unknown>>;
        const iterate = client[`${op.operationId}All`];
        if (!iterate) throw new Error(`the client has no method ${op.operationId}All`);
        const [example] = successExamples(spec, op);
        const items: unknown[] = [];
        for await (const item of iterate.call(client, exampleParams(spec, op))) items.push(item);
        expect(items).toEqual(itemsAt(example?.value, (op.operation["x-modelfleet-pagination"] as { items: string }).items));
      });
    }

    for (const op of spec.operations) {
      for (const example of successExamples(spec, op)) {
        const label = `${op.operationId}: ${op.method} ${op.path} -> ${example.status}${example.name ? ` (example "${example.name}")` : ""}`;
        it(label, async () => {
          const client = context.client() as Record<string, Method>;
          const method = client[op.operationId];
          if (!method) throw new Error(`the client has no method ${op.operationId}`);
          const prefer = [
            example.status === lowestSuccess(spec, op) ? "" : `code=${example.status}`,
            example.name ? `example=${example.name}` : "",
          ];
          const headers = prefer.some(Boolean) ? { Prefer: prefer.filter(Boolean).join(", ") } : undefined;
          const result = await method.call(client, exampleParams(spec, op), headers ? { headers } : undefined);
          if (example.hasBody) expect(result).toEqual(example.value);
          else expect(result).toBeUndefined();
        });
      }
    }

    more?.(context);
  });
}

function lowestSuccess(spec: LoadedSpec, op: LoadedSpec["operations"][number]): number {
  return Math.min(...successExamples(spec, op).map((example) => example.status));
}

/** A `fetch` that drops the named request headers before sending: a client that "forgot" its credentials. */
export function withoutHeaders(...names: string[]): (request: Request) => Promise<Response> {
  return (request) => {
    const stripped = new Request(request);
    for (const name of names) stripped.headers.delete(name);
    return globalThis.fetch(stripped);
  };
}

function isPaginated(operation: Record<string, unknown>): boolean {
  const declared = operation["x-modelfleet-pagination"];
  return typeof declared === "object" && declared !== null;
}

/** The items a page body holds at a JSON pointer (`""`: the body itself). */
function itemsAt(body: unknown, pointer: string): unknown {
  let node = body;
  for (const key of pointer === "" ? [] : pointer.slice(1).split("/")) node = (node as Record<string, unknown> | undefined)?.[key];
  return node;
}
