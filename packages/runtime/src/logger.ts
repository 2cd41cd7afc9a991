/** Anything with the four console methods: `console`, pino, winston, a test spy. */
export interface Logger {
  debug(message: string, details?: Record<string, unknown>): void;
  info(message: string, details?: Record<string, unknown>): void;
  warn(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
}

/** How much the client logs; `off` unless set by option or the `MODELFLEET_LOG` environment variable. */
export type LogLevel = "off" | "error" | "warn" | "info" | "debug";

const RANK: Record<LogLevel, number> = { off: 0, error: 1, warn: 2, info: 3, debug: 4 };

export function isLogLevel(value: unknown): value is LogLevel {
  return typeof value === "string" && value in RANK;
}

/** A logger that drops messages below `level`. */
export function leveledLogger(logger: Logger, level: LogLevel): Logger {
  const leveled = {} as Logger;
  for (const at of ["debug", "info", "warn", "error"] as const) {
    leveled[at] = (message, details) => RANK[at] <= RANK[level] && logger[at](message, details);
  }
  return leveled;
}
