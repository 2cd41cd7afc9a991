import type { ChildProcess } from "node:child_process";

/** Prism processes started by this module and not yet exited. */
const live = new Set<ChildProcess>();
let exitHookInstalled = false;

/**
 * Tracks a child until it exits and makes sure it is killed when this process exits, whichever way the
 * test or script ends (a failed assertion, an uncaught error, `process.exit`). A parent killed outright runs no
 * handler at all; the watchdog preloaded into the child covers that case.
 */
export function track(child: ChildProcess): void {
  live.add(child);
  child.once("exit", () => live.delete(child));
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once("exit", () => {
      for (const running of live) running.kill("SIGKILL");
    });
  }
}
