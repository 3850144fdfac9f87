/** Timing helpers: warm-up, then many timed iterations; percentiles by nearest rank. */

export interface Stats {
  iterations: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

export function stats(samples: readonly number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    iterations: sorted.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted[sorted.length - 1] ?? Number.NaN),
    mean: round(sorted.reduce((a, x) => a + x, 0) / Math.max(1, sorted.length)),
  };
}

export interface RunOptions {
  warmup: number;
  iterations: number;
  /** stop early (after at least `minIterations`) when the timed loop has run this long */
  maxSeconds?: number;
  minIterations?: number;
}

/** Times `fn(i)` in milliseconds; `fn` gets the iteration index so callers can rotate inputs. */
export function run(fn: (i: number) => void, options: RunOptions): number[] {
  for (let i = 0; i < options.warmup; i++) fn(i);
  const samples: number[] = [];
  const started = performance.now();
  for (let i = 0; i < options.iterations; i++) {
    const t0 = performance.now();
    fn(options.warmup + i);
    samples.push(performance.now() - t0);
    if (
      options.maxSeconds !== undefined &&
      samples.length >= (options.minIterations ?? 1) &&
      performance.now() - started > options.maxSeconds * 1000
    ) {
      break;
    }
  }
  return samples;
}
