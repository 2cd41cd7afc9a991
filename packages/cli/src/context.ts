import type { BuiltInFleet, ProviderId } from "modelfleet/all";
import type { ParsedCommandLine } from "./args.js";
import type { BaseUrlOverride } from "./config.js";
import type { AwaitedCall } from "./deadline.js";
import type { Io } from "./io.js";
import type { Colors } from "./output.js";

/** What every command gets: its arguments, the streams, and the fleet. */
export interface Context {
  io: Io;
  /** Colours for stdout and for stderr, each decided for its own stream. */
  out: Colors;
  err: Colors;
  positionals: string[];
  values: ParsedCommandLine["values"];
  json: boolean;
  /** The command's usage line, for errors found while it runs. */
  usage: string;
  baseUrls: Map<ProviderId, BaseUrlOverride>;
  fleet: BuiltInFleet;
  /**
   * A signal aborted (with a `DeadlineError`) `--timeout` seconds from now; pass it to every fleet call of one
   * phase, naming the provider and operation it waits for (so the error does), except for a fleet-wide call.
   */
  deadline: (awaited?: AwaitedCall) => AbortSignal;
  /**
   * A provider's data as it may be printed: fields its spec marks `x-modelfleet-sensitive` masked, unless
   * `--show-secrets` was given. Everything a command prints from a provider goes through it.
   */
  shown: <T>(value: T, provider: string) => T;
}
