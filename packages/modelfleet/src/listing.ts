import { PartialFailureError, type ProviderFailure } from "./errors.js";
import type { ModelVersion } from "./model-version.js";
import type { ProviderId } from "./providers.js";

/** Everything a fan-out produced: the versions of the providers that answered and the failures of those that did not. */
export interface SettledListing {
  versions: ModelVersion[];
  failures: ProviderFailure[];
}

/**
 * The result of `fleet.listDeployments()`. Iterate it with `for await` to get each provider's results as it
 * answers; if any provider failed, the loop then throws a {@link PartialFailureError} carrying every failure,
 * after all the other results have been yielded. Or call {@link DeploymentListing.settled} to get results
 * and failures side by side, without a throw. Like a response body, a listing is read once: nothing is
 * requested until it is iterated or settled, and a second read throws.
 */
export interface DeploymentListing extends AsyncIterable<ModelVersion> {
  /** Waits for every provider and returns what each produced or how it failed. Never rejects for a provider's failure. */
  settled(): Promise<SettledListing>;
}

type ProviderTask = (provider: ProviderId, signal: AbortSignal) => Promise<ModelVersion[]>;

type Outcome = { provider: ProviderId; versions: ModelVersion[] } | { provider: ProviderId; error: unknown };

/** Runs one task per provider, at most `concurrency` at a time, and exposes the outcomes in completion order. */
export function createListing(
  providers: readonly ProviderId[],
  concurrency: number,
  task: ProviderTask,
  signal: AbortSignal | undefined,
): DeploymentListing {
  let consumed = false;
  const outcomes = () => {
    if (consumed) throw new Error("This deployment listing has already been read; call listDeployments() again for a fresh one");
    consumed = true;
    return runAll(providers, concurrency, task, signal);
  };
  return {
    [Symbol.asyncIterator]: async function* () {
      const failures: ProviderFailure[] = [];
      for await (const outcome of outcomes()) {
        if ("error" in outcome) failures.push({ provider: outcome.provider, error: outcome.error });
        else yield* outcome.versions;
      }
      if (failures.length) throw new PartialFailureError(failures);
    },
    async settled() {
      const result: SettledListing = { versions: [], failures: [] };
      for await (const outcome of outcomes()) {
        if ("error" in outcome) result.failures.push({ provider: outcome.provider, error: outcome.error });
        else result.versions.push(...outcome.versions);
      }
      return result;
    },
  };
}

async function* runAll(
  providers: readonly ProviderId[],
  concurrency: number,
  task: ProviderTask,
  outer: AbortSignal | undefined,
): AsyncGenerator<Outcome> {
  // Stopping the loop early (break) aborts what is still running instead of leaving requests behind.
  const controller = new AbortController();
  const signal = outer ? AbortSignal.any([outer, controller.signal]) : controller.signal;
  const pending = new Map<ProviderId, Promise<Outcome>>();
  let next = 0;
  const startNext = () => {
    const provider = providers[next++] as ProviderId;
    pending.set(
      provider,
      task(provider, signal).then(
        (versions) => ({ provider, versions }),
        (error: unknown) => ({ provider, error }),
      ),
    );
  };
  try {
    while (next < providers.length && pending.size < concurrency) startNext();
    while (pending.size) {
      const outcome = await Promise.race(pending.values());
      pending.delete(outcome.provider);
      if (next < providers.length) startNext();
      // The caller's own abort is not a provider failure: it ends the whole listing.
      if ("error" in outcome && outer?.aborted) throw outer.reason;
      yield outcome;
    }
  } finally {
    controller.abort();
  }
}
