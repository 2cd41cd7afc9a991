import type { ChildProcess } from "node:child_process";

const STOP_GRACE_MS = 5_000;

/** A spawned Prism process, watched until it exits: one mechanism for a single mock and for a group of them. */
export interface SupervisedChild {
  /** Settles once the process has exited (or could not be spawned) and `cleanup` has run. */
  readonly exited: Promise<void>;
  /** Whether the process is alive. */
  running(): boolean;
  /** Why it is gone before it was ready, for an error message: a spawn error, or its exit code or signal. */
  whyGone(): string;
  /** SIGTERM, SIGKILL after a grace period, and waits for the exit. Safe to call more than once. */
  stop(): Promise<void>;
}

/** Watches `child`; `cleanup` runs once it has exited (temporary spec files). */
export function supervise(child: ChildProcess, cleanup: () => Promise<unknown>): SupervisedChild {
  let spawnError: Error | undefined;
  const exited = new Promise<void>((done) => {
    child.once("exit", () => done());
    child.once("error", (error) => {
      spawnError = error;
      done();
    });
  }).then(async () => {
    await cleanup();
  });
  const running = () => spawnError === undefined && child.exitCode === null && child.signalCode === null;
  return {
    exited,
    running,
    whyGone: () =>
      spawnError ? `could not be started (${spawnError.message})` : `exited (${child.exitCode ?? child.signalCode}) before it was ready`,
    async stop() {
      if (running()) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), STOP_GRACE_MS);
        await exited;
        clearTimeout(timer);
      } else {
        await exited;
      }
    },
  };
}
