// Runs a child process and measures its wall time (spawn to exit), capturing its output.
import { spawn } from "node:child_process";

/**
 * @returns {Promise<{ ms: number, code: number | null, stdout: string, stderr: string }>}
 */
export function timed(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1", NO_COLOR: "1", FORCE_COLOR: "0", ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const out = [];
    const err = [];
    child.stdout.on("data", (b) => out.push(b));
    child.stderr.on("data", (b) => err.push(b));
    child.on("error", reject);
    child.on("close", (code) => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      resolve({ ms, code, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") });
    });
  });
}

/** Like `timed`, but throws with the tail of the output when the process fails. */
export async function timedOk(command, args, options = {}) {
  const r = await timed(command, args, options);
  if (r.code !== 0) {
    const tail = `${r.stdout}\n${r.stderr}`.trim().split("\n").slice(-20).join("\n");
    throw new Error(`${[command, ...args].join(" ")} exited with ${r.code}:\n${tail}`);
  }
  return r;
}
