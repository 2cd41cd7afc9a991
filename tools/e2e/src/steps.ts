import { performance } from "node:perf_hooks";

/** Runs one named step, printing its name, duration and (if it returns one) a one-line summary. */
export type Step = <T>(name: string, run: () => Promise<T>) => Promise<T>;

/** A {@link Step} that logs with the time since `start`. */
export function stepper(start: number): Step {
  return async (name, run) => {
    const began = performance.now();
    process.stdout.write(`[e2e ${seconds(began - start)}] ${name}\n`);
    const result = await run();
    const summary = typeof result === "string" && result !== "" ? `: ${result}` : "";
    process.stdout.write(`[e2e ${seconds(performance.now() - start)}]   done in ${seconds(performance.now() - began)}${summary}\n`);
    return result;
  };
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
