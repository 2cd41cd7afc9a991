// Node warns ("Possible EventTarget memory leak detected", MaxListenersExceededWarning) when an AbortSignal holds
// more than 10 `abort` listeners, which one request-scoped signal shared by many calls in flight (a fleet listing,
// a user's own) reaches at once if every attempt and every pause adds its own. So each signal gets one listener
// here, which calls the callbacks registered for it; they are removed as their calls end.

const callbacksOf = new WeakMap<AbortSignal, Set<() => void>>();

/**
 * Calls `callback` once when `signal` aborts (not at all if it already has: check `signal.aborted` first) and
 * returns the function that unregisters it. However many callbacks a signal has, it holds one listener. Register a
 * fresh function each time: the same function registered twice is one registration.
 */
export function onAbort(signal: AbortSignal, callback: () => void): () => void {
  let callbacks = callbacksOf.get(signal);
  if (callbacks === undefined) {
    const registered = new Set<() => void>();
    callbacks = registered;
    callbacksOf.set(signal, registered);
    signal.addEventListener(
      "abort",
      () => {
        for (const fn of registered) fn();
      },
      { once: true },
    );
  }
  const own = callbacks;
  own.add(callback);
  return () => {
    own.delete(callback);
  };
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const unregister = onAbort(signal, () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
    const timer = setTimeout(() => {
      unregister();
      resolve();
    }, ms);
  });
}
