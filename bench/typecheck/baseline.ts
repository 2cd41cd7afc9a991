// Type-check baseline: the compiler, lib and @types/node alone, with no client imported.
export function noCalls(): number {
  return [1, 2, 3].reduce((a, b) => a + b, 0);
}
