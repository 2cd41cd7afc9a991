import { createInterface } from "node:readline";
import type { InStream, OutStream } from "./io.js";

/**
 * Asks a yes/no question on `output` and reads one line from `input`; only `y` or `yes` (any case) is a yes, and
 * end of input is a no. The terminal stays in its ordinary line mode (the kernel echoes what is typed and Ctrl-C
 * interrupts as usual), so nothing here depends on raw-mode key handling.
 */
export async function confirm(question: string, input: InStream, output: OutStream): Promise<boolean> {
  output.write(`${question} [y/N] `);
  const rl = createInterface({ input, terminal: false });
  try {
    const answer = await new Promise<string | null>((resolve) => {
      rl.once("line", resolve);
      rl.once("close", () => resolve(null));
    });
    if (answer === null) output.write("\n");
    return answer !== null && /^\s*y(es)?\s*$/i.test(answer);
  } finally {
    rl.close();
    // readline resumed the stream; pausing it again lets the process exit without waiting for more input.
    input.pause();
  }
}
