import { createOpperV2Client } from "@modelfleet/opper-v2";
const opper = createOpperV2Client();
const signal = AbortSignal.timeout(6e4);
for await (const fn of opper.listFunctionsAll({ limit: 100 })) console.log(fn.id, fn.name);
for await (const page of opper.listFunctionsPages({}, { signal, maxPages: 50, prefetch: true })) {
  console.log(page.number, page.items.length, page.body.meta.total_count, page.response.headers.get("x-request-id"));
}
