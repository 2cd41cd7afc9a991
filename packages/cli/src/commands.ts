import type { Context } from "./context.js";
import type { ExitCode } from "./exit-codes.js";
import type { CommandName } from "./usage.js";

/** A command: runs with its context and returns the exit code. */
export type Command = (context: Context) => Promise<ExitCode>;

/**
 * How each command is loaded: a dynamic import, so a run loads only its own command and what that needs (the
 * fleet file reader only for plan, apply and export). Adding a command: one line here, its usage in `usage.ts`,
 * its options in `args.ts`, its help in `command-help.ts`.
 */
export const COMMANDS: Record<CommandName, () => Promise<Command>> = {
  ls: async () => (await import("./commands/ls.js")).ls,
  get: async () => (await import("./commands/get.js")).get,
  versions: async () => (await import("./commands/versions.js")).versions,
  scale: async () => (await import("./commands/scale.js")).scale,
  providers: async () => (await import("./commands/providers.js")).providers,
  start: async () => (await import("./commands/lifecycle.js")).start,
  stop: async () => (await import("./commands/lifecycle.js")).stop,
  promote: async () => (await import("./commands/lifecycle.js")).promote,
  rollback: async () => (await import("./commands/lifecycle.js")).rollback,
  plan: async () => (await import("./commands/plan.js")).plan,
  apply: async () => (await import("./commands/apply.js")).apply,
  export: async () => (await import("./commands/export.js")).exportFleet,
  cost: async () => (await import("./commands/cost.js")).cost,
  ui: async () => (await import("./commands/ui.js")).ui,
};
