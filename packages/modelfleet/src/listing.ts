import type { ModelVersion } from "@modelfleet/runtime/fleet";
import { PartialFailureError, type ProviderFailure } from "./errors.js";

/** Everything a fan-out produced: the versions of the providers that answered and the failures of those that did not. */
export interface SettledListing<V extends ModelVersion = ModelVersion> {
  versions: V[];
  failures: ProviderFailure[];
}

/**
 * One provider's part of a listing, as soon as it is known: its versions (with what was reported beside them:
 * items left out or not read, a page that failed after others arrived), or how it failed as a whole.
 */
export type ProviderSettled<V extends ModelVersion = ModelVersion> =
  | { provider: string; versions: V[]; failures: readonly ProviderFailure[]; error?: undefined }
  | { provider: string; error: unknown; versions?: undefined; failures?: undefined };

/**
 * The result of `fleet.listDeployments()`. Iterate it with `for await` to get each provider's results as it
 * answers; if any provider failed, the loop then throws a {@link PartialFailureError} carrying every failure,
 * after all the other results have been yielded. Or call {@link DeploymentListing.settled} to get results
 * and failures side by side, without a throw. Like a response body, a listing is read once: nothing is
 * requested until it is iterated or settled, and a second read throws.
 */
export interface DeploymentListing<V extends ModelVersion = ModelVersion> extends AsyncIterable<V> {
  /** Waits for every provider and returns what each produced or how it failed. Never rejects for a provider's failure. */
  settled(): Promise<SettledListing<V>>;
}

/** What one provider's task produced: its versions, and the failures to report beside them. */
export interface TaskResult<V> {
  versions: V[];
  failures: readonly ProviderFailure[];
}

type ProviderTask<V> = (provider: string, signal: AbortSignal) => Promise<TaskResult<V>>;

/**
 * Runs one task per provider, all at once (each provider bounds its own follow-up reads), and exposes the outcomes
 * in completion order; `onSettled` hears each outcome as it comes (before it is yielded). Starting every provider
 * at once lets the listing end with its slowest provider's own chain of requests, never behind another's.
 */
export function createListing<V extends ModelVersion>(
  providers: readonly string[],
  task: ProviderTask<V>,
  signal: AbortSignal | undefined,
  onSettled: ((outcome: ProviderSettled<V>) => void) | undefined,
): DeploymentListing<V> {
  let consumed = false;
  const outcomes = () => {
    if (consumed) throw new Error("This deployment listing has already been read; call listDeployments() again for a fresh one");
    consumed = true;
    return runAll(providers, task, signal, onSettled);
  };
  return {
    [Symbol.asyncIterator]: async function* () {
      const failures: ProviderFailure[] = [];
      for await (const outcome of outcomes()) {
        if (outcome.versions === undefined) failures.push({ provider: outcome.provider, error: outcome.error });
        else {
          yield* outcome.versions;
          failures.push(...outcome.failures);
        }
      }
      if (failures.length) throw new PartialFailureError(failures);
    },
    async settled() {
      const result: SettledListing<V> = { versions: [], failures: [] };
      for await (const outcome of outcomes()) {
        if (outcome.versions === undefined) result.failures.push({ provider: outcome.provider, error: outcome.error });
        else {
          // One push per version: spreading a provider's hundreds of thousands of versions as arguments would overflow.
          for (const version of outcome.versions) result.versions.push(version);
          result.failures.push(...outcome.failures);
        }
      }
      return result;
    },
  };
}

async function* runAll<V extends ModelVersion>(
  providers: readonly string[],
  task: ProviderTask<V>,
  outer: AbortSignal | undefined,
  onSettled: ((outcome: ProviderSettled<V>) => void) | undefined,
): AsyncGenerator<ProviderSettled<V>> {
  // Stopping the loop early (break) aborts what is still running instead of leaving requests behind.
  const controller = new AbortController();
  const signal = outer ? AbortSignal.any([outer, controller.signal]) : controller.signal;
  const pending = new Map<string, Promise<ProviderSettled<V>>>();
  for (const provider of providers) {
    pending.set(
      provider,
      task(provider, signal).then(
        ({ versions, failures }): ProviderSettled<V> => ({ provider, versions, failures }),
        (error: unknown): ProviderSettled<V> => ({ provider, error }),
      ),
    );
  }
  try {
    while (pending.size) {
      const outcome = await Promise.race(pending.values());
      pending.delete(outcome.provider);
      // The caller's own abort is not a provider failure: it ends the whole listing.
      if (outcome.versions === undefined && outer?.aborted) throw outer.reason;
      onSettled?.(outcome);
      yield outcome;
    }
  } finally {
    controller.abort();
  }
}
