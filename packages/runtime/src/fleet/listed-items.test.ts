import { describe, expect, it } from "vitest";
import { ApiError, type ApiErrorInit, InternalServerError, NotFoundError } from "../errors.js";
import { isGone, readListedItems } from "./listed-items.js";

const init = (status: number): ApiErrorInit => ({
  status,
  statusText: "",
  requestId: undefined,
  body: undefined,
  providerMessage: undefined,
  provider: "acme",
  operationId: "getThing",
  method: "GET",
  url: "https://api.acme.test/things/x",
  attempts: 1,
});

/** Reads `item` by answering with its upper-case form, or throwing what `failures` holds for it. */
function reader(failures: Record<string, unknown>) {
  const read: string[] = [];
  let inFlight = 0;
  let peak = 0;
  return {
    read,
    peak: () => peak,
    reads: {
      name: (item: string) => `acme:${item}`,
      async read(item: string) {
        read.push(item);
        inFlight++;
        peak = Math.max(peak, inFlight);
        await Promise.resolve();
        inFlight--;
        if (item in failures) throw failures[item];
        return item.toUpperCase();
      },
    },
  };
}

describe("readListedItems", () => {
  it("leaves out an item deleted before its read (404 or 410) and keeps the others, in order", async () => {
    const { reads } = reader({ b: new NotFoundError(init(404)), d: new ApiError(init(410)) });
    await expect(readListedItems(["a", "b", "c", "d", "e"], { concurrency: 2 }, reads)).resolves.toEqual(["A", "C", "E"]);
  });

  it("turns a deleted item into what gone() makes of it, when given", async () => {
    const { reads } = reader({ b: new NotFoundError(init(404)) });
    const withGone = { ...reads, gone: (item: string) => `${item} (gone)` };
    await expect(readListedItems(["a", "b"], { concurrency: 2 }, withGone)).resolves.toEqual(["A", "b (gone)"]);
  });

  it("reports any other failure per item through itemFailed and lists the rest", async () => {
    const boom = new InternalServerError(init(500));
    const { reads } = reader({ b: boom });
    const failed: [string, unknown][] = [];
    const context = { concurrency: 2, itemFailed: (item: string, error: unknown) => failed.push([item, error]) };
    await expect(readListedItems(["a", "b", "c"], context, reads)).resolves.toEqual(["A", "C"]);
    expect(failed).toEqual([["acme:b", boom]]);
  });

  it("without itemFailed, any failure but 404/410 ends the reads with it", async () => {
    const boom = new InternalServerError(init(500));
    const { reads } = reader({ b: boom, a: new NotFoundError(init(404)) });
    await expect(readListedItems(["a", "b", "c"], { concurrency: 1 }, reads)).rejects.toBe(boom);
  });

  it("the caller's abort ends the reads with the signal's reason, never as an item's failure", async () => {
    const controller = new AbortController();
    const reason = new Error("stopped");
    const failed: string[] = [];
    const reads = {
      name: (item: string) => item,
      read: async (item: string) => {
        controller.abort(reason);
        throw new Error(`aborted read of ${item}`);
      },
    };
    const context = { concurrency: 2, signal: controller.signal, itemFailed: (item: string) => failed.push(item) };
    await expect(readListedItems(["a", "b"], context, reads)).rejects.toBe(reason);
    expect(failed).toEqual([]);
  });

  it("keeps at most `concurrency` reads in flight", async () => {
    const r = reader({});
    await readListedItems(["a", "b", "c", "d", "e", "f", "g"], { concurrency: 3 }, r.reads);
    expect(r.peak()).toBe(3);
    expect(r.read).toHaveLength(7);
  });

  it("isGone is true for 404 and 410 only", () => {
    expect([404, 410, 400, 403, 500].map((status) => isGone(new ApiError(init(status))))).toEqual([true, true, false, false, false]);
    expect(isGone(new Error("404"))).toBe(false);
  });
});
