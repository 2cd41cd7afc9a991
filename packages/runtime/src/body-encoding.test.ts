import { json, recordingFetch, SECRET_KEY } from "@modelfleet/test-utils";
import { describe, expect, it } from "vitest";
import { createClientCore } from "./client-core.js";
import { ApiError, ResponseTooLargeError } from "./errors.js";
import type { OperationDescriptor, ProviderDescriptor } from "./provider.js";

const upload: OperationDescriptor = {
  operationId: "upload",
  method: "POST",
  path: "/files",
  pathParams: [],
  queryParams: [],
  headerParams: [],
  body: "required",
  idempotent: false,
};
const operations = {
  token: { ...upload, operationId: "token", path: "/token", bodyEncoding: "form" },
  upload: { ...upload, bodyEncoding: "multipart" },
  download: { ...upload, operationId: "download", method: "GET", path: "/files/1", body: false, idempotent: true, responseAs: "blob" },
  transcript: { ...upload, operationId: "transcript", method: "GET", path: "/text", body: false, idempotent: true, responseAs: "text" },
  events: { ...upload, operationId: "events", method: "GET", path: "/events", body: false, idempotent: true, responseAs: "stream" },
  remove: { ...upload, operationId: "remove", method: "DELETE", path: "/files/1", body: false, idempotent: true, emptyStatuses: [202] },
} satisfies Record<string, OperationDescriptor>;

const provider: ProviderDescriptor = {
  id: "acme",
  name: "Acme",
  packageName: "@modelfleet/acme",
  packageVersion: "1.0.0",
  envVar: "ACME_API_KEY",
  baseUrl: "https://api.acme.test",
  auth: { header: "Authorization", prefix: "Bearer " },
  sensitiveKeys: [],
  operations,
};

/** Keeps each request untouched, so the test reads its exact bytes and content type. */
function capture(reply: Response, maxResponseBytes?: number) {
  const requests: Request[] = [];
  const fetch = async (request: Request) => {
    requests.push(request.clone());
    return reply.clone();
  };
  return { core: createClientCore(provider, { apiKey: SECRET_KEY, fetch, maxRetries: 0, maxResponseBytes }), requests };
}

describe("bodies that are not JSON", () => {
  it("sends a form body as application/x-www-form-urlencoded fields", async () => {
    const { core, requests } = capture(json(200, { ok: true }));
    await core.call(operations.token, { body: { grant_type: "client_credentials", scope: ["read", "write"], n: 2 } });
    const request = requests[0] as Request;
    expect(request.headers.get("content-type")).toBe("application/x-www-form-urlencoded");
    expect(await request.text()).toBe("grant_type=client_credentials&scope=read&scope=write&n=2");
  });

  it("sends a multipart body with a Blob as a file part, bytes intact", async () => {
    const { core, requests } = capture(json(201, { id: "f1" }));
    const bytes = new Uint8Array([0, 1, 2, 253, 254, 255]);
    const result = await core.call(operations.upload, {
      body: { purpose: "fine-tune", file: new Blob([bytes], { type: "application/octet-stream" }), meta: { a: 1 } },
    });
    expect(result).toEqual({ id: "f1" });
    const request = requests[0] as Request;
    expect(request.headers.get("content-type")).toMatch(/^multipart\/form-data; boundary=/);
    const form = await request.formData();
    expect(form.get("purpose")).toBe("fine-tune");
    expect(form.get("meta")).toBe('{"a":1}');
    const file = form.get("file") as File;
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(bytes);
    expect(request.headers.get("authorization")).toBe(`Bearer ${SECRET_KEY}`);
  });

  it("sends an array of files as one file part each, in order, under the field's name, bytes and names intact", async () => {
    const { core, requests } = capture(json(201, { id: "s1" }));
    const first = new Uint8Array([0, 159, 146, 150, 255]);
    const files = [
      new File([first], "SKILL.md", { type: "text/markdown" }),
      new File(["print(1)\r\n"], "tool.py", { type: "text/x-python" }),
      new Blob(["zip bytes"], { type: "application/zip" }),
    ];
    await core.call(operations.upload, { body: { files, name: "reviewer", tags: ["a", "b"] } });
    const request = requests[0] as Request;
    const boundary = /boundary=(.+)$/.exec(request.headers.get("content-type") ?? "")?.[1];
    const raw = new Uint8Array(await request.clone().arrayBuffer());
    // The exact bytes on the wire: one part per file, then one per other field and per item of an array.
    const text = new TextDecoder("latin1").decode(raw);
    const parts = text.split(`--${boundary}`).slice(1, -1);
    expect(parts.map((part) => /name="([^"]+)"(?:; filename="([^"]+)")?/.exec(part)?.slice(1))).toEqual([
      ["files", "SKILL.md"],
      ["files", "tool.py"],
      ["files", "blob"],
      ["name", undefined],
      ["tags", undefined],
      ["tags", undefined],
    ]);
    expect(text).toContain("Content-Type: text/markdown\r\n\r\n\u0000\u009f\u0092\u0096\u00ff\r\n");
    expect(text).toContain("Content-Type: text/x-python\r\n\r\nprint(1)\r\n\r\n");
    expect(text).toContain("Content-Type: application/zip\r\n\r\nzip bytes\r\n");
    const form = await request.formData();
    const received = form.getAll("files") as File[];
    expect(received.map((file) => file.name)).toEqual(["SKILL.md", "tool.py", "blob"]);
    expect(new Uint8Array(await (received[0] as File).arrayBuffer())).toEqual(first);
    expect(await (received[2] as File).text()).toBe("zip bytes");
    expect(form.getAll("tags")).toEqual(["a", "b"]);
    expect(form.get("name")).toBe("reviewer");
  });

  it("returns a binary success body as a Blob with its bytes, not a JSON error", async () => {
    const bytes = new Uint8Array([137, 80, 78, 71, 0, 255]);
    const { core } = capture(new Response(bytes, { status: 200, headers: { "content-type": "audio/mpeg" } }));
    const result = await core.call<Blob>(operations.download, undefined);
    expect(result).toBeInstanceOf(Blob);
    expect(result.type).toBe("audio/mpeg");
    expect(new Uint8Array(await result.arrayBuffer())).toEqual(bytes);
  });

  it("returns a text body as a string and an event stream as a ReadableStream", async () => {
    const { core: textCore } = capture(new Response("hello, world", { status: 200, headers: { "content-type": "text/plain" } }));
    expect(await textCore.call<string>(operations.transcript, undefined)).toBe("hello, world");
    const events = "data: one\n\ndata: two\n\n";
    const { core } = capture(new Response(events, { status: 200, headers: { "content-type": "text/event-stream" } }));
    const stream = await core.call<ReadableStream<Uint8Array>>(operations.events, undefined);
    expect(stream).toBeInstanceOf(ReadableStream);
    expect(await new Response(stream).text()).toBe(events);
  });

  it("still sends a JSON body as JSON when the operation declares no other encoding", async () => {
    const recorder = recordingFetch(json(200, {}));
    const core = createClientCore(provider, { apiKey: SECRET_KEY, fetch: recorder.fetch, maxRetries: 0 });
    await core.call(upload, { body: { a: 1 } });
    expect(recorder.requests[0]?.headers.get("content-type")).toBe("application/json");
    expect(recorder.requests[0]?.body).toEqual({ a: 1 });
  });

  it("keeps the response size limit for text and Blob bodies", async () => {
    const big = "x".repeat(2048);
    for (const operation of [operations.transcript, operations.download]) {
      const { core } = capture(new Response(big, { status: 200, headers: { "content-type": "text/plain" } }), 1024);
      const error = await core.call(operation, undefined).catch((e: unknown) => e);
      expect(ResponseTooLargeError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ operationId: operation.operationId, status: 200 });
    }
    const { core } = capture(new Response(big, { status: 200, headers: { "content-type": "text/plain" } }), 4096);
    expect(await core.call<string>(operations.transcript, undefined)).toBe(big);
  });

  it("hands an event stream over as it arrives, failing with ResponseTooLargeError once past the limit", async () => {
    const chunk = new TextEncoder().encode(`data: ${"y".repeat(500)}\n\n`);
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(chunk);
      },
    });
    const { core } = capture(new Response(endless, { status: 200, headers: { "content-type": "text/event-stream" } }), 2000);
    const stream = await core.call<ReadableStream<Uint8Array>>(operations.events, undefined);
    const reader = stream.getReader();
    const first = await reader.read();
    expect(first.value).toEqual(chunk);
    let error: unknown;
    let read = first.value?.byteLength ?? 0;
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        read += value.byteLength;
      }
    } catch (e) {
      error = e;
    }
    expect(ResponseTooLargeError.isInstance(error)).toBe(true);
    expect(read).toBeLessThanOrEqual(2000);
    // The source stops being read once the limit is passed.
    expect(pulled).toBeLessThan(10);
  });

  it("an error answer to a stream operation is read and thrown as its ApiError, not handed over", async () => {
    const { core } = capture(
      new Response(JSON.stringify({ message: "nope" }), { status: 400, headers: { "content-type": "application/json" } }),
    );
    const error = await core.call(operations.events, undefined).catch((e: unknown) => e);
    expect(ApiError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 400, providerMessage: "nope" });
  });

  it("a success status the spec declares without a body resolves to undefined; another empty 2xx is still an ApiError", async () => {
    const { core } = capture(new Response(null, { status: 202 }));
    await expect(core.call(operations.remove, undefined)).resolves.toBeUndefined();
    const { core: other } = capture(new Response(null, { status: 200 }));
    const error = await other.call(operations.remove, undefined).catch((e: unknown) => e);
    expect(ApiError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/empty body where JSON was expected/);
  });
});
