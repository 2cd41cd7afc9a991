import { spawn } from "node:child_process";

/** Options of {@link exec}. */
export interface ExecOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Print the command's output as it runs (long steps), instead of only when it fails. */
  stream?: boolean;
}

/** Output of a finished command. */
export interface ExecResult {
  stdout: string;
  stderr: string;
}

/** A command that exited non-zero; the message holds its output, so the failure shows why. */
export class CommandError extends Error {
  constructor(
    readonly command: string,
    readonly exitCode: number | null,
    readonly stdout: string,
    readonly stderr: string,
  ) {
    const output = `${stdout}${stderr}`.trimEnd();
    super(`\`${command}\` exited with ${exitCode}${output ? `:\n${output}` : ""}`);
    this.name = "CommandError";
  }
}

/**
 * Runs a command without a shell and resolves with its output; rejects with a {@link CommandError} on a non-zero exit.
 * Always asynchronous: the local registry and the fake API run in this process's event loop and must keep answering
 * while npm and node children talk to them.
 */
export function exec(command: string, args: readonly string[], options: ExecOptions): Promise<ExecResult> {
  const display = [command, ...args].join(" ");
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
      if (options.stream) process.stdout.write(indent(chunk));
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
      if (options.stream) process.stdout.write(indent(chunk));
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve({ stdout, stderr });
      else reject(new CommandError(display, code, options.stream ? "" : stdout, options.stream ? "" : stderr));
    });
  });
}

function indent(text: string): string {
  return text.replace(/^(?=.)/gm, "    │ ");
}
