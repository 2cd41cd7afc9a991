/**
 * A provider's name as messages show it (`info.x-modelfleet.displayName`, or a sidecar's `displayName`): printable
 * text that fits on a line, since it lands in error messages, log lines and the CLI's tables.
 */
export const DISPLAY_NAME = /^[^\p{Cc}\s][^\p{Cc}]{0,58}[^\p{Cc}\s]$|^[^\p{Cc}\s]$/u;
export const DISPLAY_NAME_HELP = "the provider's name as people write it, 1 to 60 printable characters, e.g. `Hugging Face`";
