// The targets of the benchmark (issue "Benchmarks"), checked against a run's figures.

export interface TargetCheck {
  figure: string;
  value: number | null;
  /** The figure must be at most this (or, with `at_least`, at least this). */
  max: number;
  at_least?: true;
  unit: string;
  met: boolean | null;
}

type Figures = Record<string, unknown>;

const TARGETS: Array<{ figure: string; max: number; unit: string; at_least?: true }> = [
  { figure: "ack_ratio_p99", max: 1.5, unit: "× bare Bolt" },
  { figure: "report_ms_1x", max: 300, unit: "ms" },
  { figure: "report_7d_ms_1x", max: 300, unit: "ms" },
  { figure: "digest_ms_1x", max: 1000, unit: "ms" },
  { figure: "report_growth_ratio", max: 10, unit: "× for 10× data" },
  { figure: "digest_growth_ratio", max: 10, unit: "× for 10× data" },
  { figure: "rss_mb_idle", max: 250, unit: "MB" },
  { figure: "rss_mb_after_digest", max: 250, unit: "MB" },
  { figure: "webhook_orders_per_s", max: 1000, unit: "orders/s", at_least: true },
  { figure: "webhook_ack_p99_ms", max: 1000, unit: "ms" },
  { figure: "webhook_orders_lost", max: 0, unit: "orders" },
  { figure: "webhook_orders_twice", max: 0, unit: "orders" },
];

export function evaluateTargets(figures: Figures): TargetCheck[] {
  return TARGETS.map(({ figure, max, unit, at_least }) => {
    const value = typeof figures[figure] === "number" ? (figures[figure] as number) : null;
    const met = value === null ? null : at_least ? value >= max : value <= max;
    return { figure, value, max, unit, ...(at_least ? { at_least } : {}), met };
  });
}
