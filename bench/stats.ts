// Summaries of measured times: nearest-rank percentiles and medians, rounded for printing.

export interface Percentiles {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentile of unsorted samples (p in 0..100). */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

export const median = (samples: readonly number[]) => percentile(samples, 50);

export function percentiles(samples: readonly number[]): Percentiles {
  return {
    n: samples.length,
    p50: round(percentile(samples, 50)),
    p95: round(percentile(samples, 95)),
    p99: round(percentile(samples, 99)),
    max: round(Math.max(...samples)),
  };
}

/** Two decimals under 10, one under 100, whole numbers above: enough for milliseconds and megabytes. */
export function round(x: number): number {
  if (!Number.isFinite(x)) return x;
  const digits = Math.abs(x) < 10 ? 2 : Math.abs(x) < 100 ? 1 : 0;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export const ratio = (a: number, b: number) => (b > 0 ? round(a / b) : Number.NaN);

/** Runs `work` `runs` times after `warmup` unmeasured runs; the milliseconds of each measured run. */
export async function timeRuns(runs: number, work: () => Promise<unknown>, warmup = 1): Promise<number[]> {
  return (await timeAlternating(runs, [work], warmup))[0]!;
}

/**
 * Times several kinds of work in alternation, run by run (the order turned around every run),
 * after `warmup` unmeasured runs of each: the milliseconds of each measured run, per kind. Two
 * figures compared as a ratio then meet the same moments of a shared machine.
 */
export async function timeAlternating(runs: number, works: ReadonlyArray<() => Promise<unknown>>, warmup = 1): Promise<number[][]> {
  for (let i = 0; i < warmup; i++) for (const work of works) await work();
  const times = works.map((): number[] => []);
  for (let i = 0; i < runs; i++) {
    const order = works.map((_, k) => k);
    if (i % 2 === 1) order.reverse();
    for (const k of order) {
      const started = performance.now();
      await works[k]!();
      times[k]!.push(performance.now() - started);
    }
  }
  return times;
}
