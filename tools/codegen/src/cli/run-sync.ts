import type { PrintTarget } from "./print-results.js";

export async function runSync(
  _root: string,
  _cwd: string,
  target: PrintTarget,
  _options: { specs?: string[]; check: boolean },
): Promise<number> {
  target.err("sync: not implemented yet\n");
  return 2;
}
