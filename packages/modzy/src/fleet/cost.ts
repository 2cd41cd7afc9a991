import { UsageWindowError } from "@modelfleet/runtime";
import { type CostContext, count, items, received, text, type Usage, type UsageWindow } from "@modelfleet/runtime/fleet";
import type { ModzyActiveModel, ModzyClient } from "../generated/index.js";
import type { ModzyFleetVersion } from "./types.js";

/** The shortest period Modzy's metrics accept. */
const MIN_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Jobs the version ran in the window: its `jobs` in `GET /metrics/active-models` for its model, read once per
 * model, window and cost call. Modzy counts whole UTC days (`YYYY-MM-DD`) and refuses periods under 7 days, which
 * fail before any request. A version missing from the ranking gets no figure: Modzy does not say whether the
 * ranking lists every version. Modzy reports no money.
 */
export async function modzyUsage(
  client: ModzyClient,
  version: ModzyFleetVersion,
  window: UsageWindow,
  context: CostContext,
): Promise<Usage> {
  if (window.to.getTime() - window.from.getTime() < MIN_WINDOW_MS) {
    throw new UsageWindowError("modzy", "Modzy's metrics cover 7 days at least; ask for a longer window");
  }
  const begin = window.from.toISOString().slice(0, 10);
  const end = window.to.toISOString().slice(0, 10);
  const ranking = await context.once(`active-models ${version.model} ${begin} ${end}`, () =>
    client.listActiveModels({ "begin-date": begin, "end-date": end, "model-identifier": version.model }, { signal: context.signal }),
  );
  const entry = items<ModzyActiveModel>(ranking).find((item) => {
    const active = received(item);
    return text(active.modelIdentifier) === version.model && text(active.modelVersion) === version.version;
  });
  const jobs = count(received(entry).jobs);
  return jobs === null ? {} : { requests: jobs };
}
