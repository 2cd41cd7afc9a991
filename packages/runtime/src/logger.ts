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
  const enabled = (at: LogLevel) => RANK[at] <= RANK[level];
  return {
    debug: (m, d) => enabled("debug") && logger.debug(m, d),
    info: (m, d) => enabled("info") && logger.info(m, d),
    warn: (m, d) => enabled("warn") && logger.warn(m, d),
    error: (m, d) => enabled("error") && logger.error(m, d),
  };
}
