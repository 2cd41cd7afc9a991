/** An output stream as the CLI needs it: `process.stdout`, `process.stderr`, or a test double. */
export interface OutStream {
  write(text: string): unknown;
  isTTY?: boolean;
  /** A terminal's width in columns (0 or absent when unknown). */
  columns?: number;
}

/** An input stream for the confirmation prompt: `process.stdin` or a test double. */
export interface InStream extends NodeJS.ReadableStream {
  isTTY?: boolean;
}

/** Everything the CLI touches outside itself, so that `main` can run against anything. */
export interface Io {
  stdout: OutStream;
  stderr: OutStream;
  stdin: InStream;
  env: Record<string, string | undefined>;
}

const REDACTED = "[redacted]";
/** Shorter values could occur in ordinary output by chance; no real key is this short. */
const MIN_SECRET_LENGTH = 8;

/**
 * Wraps the output streams so that no configured secret is ever written, whatever its source: an error body
 * echoing the key, a log line, a `--json` dump of a provider's raw object. The runtime already keeps keys out of
 * errors and logs; this is the last line of defence at the edge of the process.
 */
export function redactingIo(io: Io, secrets: readonly string[]): Io {
  if (!secrets.some((s) => s.trim().length >= MIN_SECRET_LENGTH)) return io;
  const redact = redactor(secrets);
  const wrap = (stream: OutStream): OutStream => ({
    write: (text: string) => stream.write(redact(text)),
    get isTTY() {
      return stream.isTTY;
    },
    get columns() {
      return stream.columns;
    },
  });
  return { ...io, stdout: wrap(io.stdout), stderr: wrap(io.stderr) };
}

/** A function that replaces every form of every secret in a text with `[redacted]` (see {@link redactingIo}). */
export function redactor(secrets: readonly string[]): (text: string) => string {
  const values = [
    ...new Set(
      secrets
        .map((s) => s.trim())
        .filter((s) => s.length >= MIN_SECRET_LENGTH)
        .flatMap(encodings),
    ),
  ].sort((a, b) => b.length - a.length);
  return (text) => values.reduce((out, secret) => out.split(secret).join(REDACTED), text);
}

/**
 * The forms a secret takes in output: as it is, inside a JSON string (`"` and `\` escaped, `--json` and log
 * details), with non-ASCII as `\u` escapes (JSON from other serializers) and percent-encoded (a URL).
 */
function encodings(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  const ascii = json.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return [secret, json, ascii, encodeURIComponent(secret)];
}

/** The values of every `*_API_KEY`, `*_TOKEN` and `*_SECRET` variable in the environment. */
export function secretsIn(env: Record<string, string | undefined>): string[] {
  return Object.entries(env)
    .filter(([name, value]) => value !== undefined && /(_API_KEY|_TOKEN|_SECRET)$/i.test(name))
    .map(([, value]) => value as string);
}
