import type { OutStream } from "./io.js";

/** A one-line progress indicator. */
export interface Progress {
  /** Replaces the text shown next to the spinner. */
  update(text: string): void;
  /** Clears the line; the next output starts on a clean line. */
  stop(): void;
}

const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
const INTERVAL_MS = 80;
const NOOP: Progress = { update() {}, stop() {} };

/**
 * A spinner on `stream` (stderr), drawn only when it is a terminal: in a pipe or a log file, redrawn lines would
 * be noise. A dozen lines of our own rather than a spinner package: all it needs is `\r` and erase-line.
 */
export function startProgress(stream: OutStream, text: string): Progress {
  if (stream.isTTY !== true) return NOOP;
  let current = text;
  let frame = 0;
  const draw = () => {
    stream.write(`\r\x1b[2K${FRAMES[frame++ % FRAMES.length]} ${current}`);
  };
  draw();
  const timer = setInterval(draw, INTERVAL_MS);
  // Never keep the process alive for the spinner's sake.
  timer.unref();
  let stopped = false;
  return {
    update(next) {
      current = next;
    },
    stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      stream.write("\r\x1b[2K");
    },
  };
}
