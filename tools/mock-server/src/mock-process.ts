import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { track } from "./children.js";

const KEPT_LOG_LINES = 200;
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping terminal colour codes is the point
const ANSI = /\u001b\[[0-9;]*m/g;
const WATCHDOG = fileURLToPath(new URL("../watchdog.cjs", import.meta.url));

/**
 * Starts `node <args>` for a mock: with the watchdog preloaded (the child dies with this process however it ends),
 * without colours, and tracked until it exits.
 */
export function spawnMockProcess(args: readonly string[]): ChildProcess {
  const child = spawn(process.execPath, [`--require=${WATCHDOG}`, ...args], {
    stdio: ["pipe", "pipe", "pipe"],
    env: { ...process.env, FORCE_COLOR: "0" },
    windowsHide: true,
  });
  track(child);
  return child;
}

/** A mock's log: its last lines, without colour codes or blank lines, each also passed to `onLog`. */
export interface MockLog {
  add(line: string): void;
  /** The lines kept (the last 200), oldest first. */
  readonly lines: readonly string[];
}

export function mockLog(onLog?: (line: string) => void): MockLog {
  const lines: string[] = [];
  return {
    lines,
    add(line) {
      const clean = line.replace(ANSI, "").trimEnd();
      if (!clean) return;
      lines.push(clean);
      if (lines.length > KEPT_LOG_LINES) lines.shift();
      onLog?.(clean);
    },
  };
}

/** Calls `onLine` with each line `stream` carries. */
export function forEachLine(stream: NodeJS.ReadableStream | null, onLine: (line: string) => void): void {
  if (!stream) return;
  let pending = "";
  stream.setEncoding("utf8");
  stream.on("data", (chunk: string) => {
    pending += chunk;
    const parts = pending.split(/\r?\n/);
    pending = parts.pop() ?? "";
    for (const part of parts) onLine(part);
  });
  stream.on("end", () => {
    if (pending) onLine(pending);
  });
}

/** The error of a mock that did not start: which spec, why, and the last lines Prism printed. */
export function mockFailure(specPath: string, why: string, lines: readonly string[]): Error {
  const tail = lines.slice(-15).join("\n");
  return new Error(`Prism mock of ${specPath} ${why}.${tail ? `\nPrism said:\n${tail}` : ""}`);
}
