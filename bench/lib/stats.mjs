// Small statistics helpers: every reported time is a median of interleaved runs.

export function median(xs) {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Median, min and max of a sample, plus the sample itself for results.json. */
export function summarize(xs) {
  return { median: median(xs), min: Math.min(...xs), max: Math.max(...xs), n: xs.length, samples: xs };
}

/** Runs `fn(round)` for each round with the contenders in a rotated order, so none always goes first. */
export async function interleave(rounds, contenders, fn) {
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < contenders.length; k++) {
      await fn(contenders[(k + round) % contenders.length], round);
    }
  }
}
