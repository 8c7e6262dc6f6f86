// The targets of the benchmark (issue "Benchmarks"), checked against a run's figures.

export interface TargetCheck {
  figure: string;
  value: number | null;
  /** The figure must be at most this. */
  max: number;
  unit: string;
  met: boolean | null;
}

type Figures = Record<string, unknown>;

const TARGETS: Array<{ figure: string; max: number; unit: string }> = [
  { figure: "ack_ratio_p99", max: 1.5, unit: "× bare Bolt" },
  { figure: "report_ms_1x", max: 300, unit: "ms" },
  { figure: "report_7d_ms_1x", max: 300, unit: "ms" },
  { figure: "digest_ms_1x", max: 1000, unit: "ms" },
  { figure: "report_growth_ratio", max: 10, unit: "× for 10× data" },
  { figure: "digest_growth_ratio", max: 10, unit: "× for 10× data" },
  { figure: "rss_mb_idle", max: 250, unit: "MB" },
  { figure: "rss_mb_after_digest", max: 250, unit: "MB" },
];

export function evaluateTargets(figures: Figures): TargetCheck[] {
  return TARGETS.map(({ figure, max, unit }) => {
    const value = typeof figures[figure] === "number" ? (figures[figure] as number) : null;
    return { figure, value, max, unit, met: value === null ? null : value <= max };
  });
}
