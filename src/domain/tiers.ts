// Creator tiers from follower counts, with the workspace's thresholds, and the engagement-rate
// benchmark band of each tier (docs/reports.md).

import { MAX_COUNT } from "./limits.ts";

export const TIERS = ["emerging", "nano", "micro", "macro", "mega"] as const;
export type Tier = (typeof TIERS)[number];

/** Lowest follower count of nano, micro, macro and mega. */
export interface TierThresholds {
  nano: number;
  micro: number;
  macro: number;
  mega: number;
}

export const DEFAULT_THRESHOLDS: TierThresholds = { nano: 1_000, micro: 10_000, macro: 100_000, mega: 1_000_000 };

export function tierOf(followers: number, thresholds: TierThresholds = DEFAULT_THRESHOLDS): Tier {
  if (followers >= thresholds.mega) return "mega";
  if (followers >= thresholds.macro) return "macro";
  if (followers >= thresholds.micro) return "micro";
  if (followers >= thresholds.nano) return "nano";
  return "emerging";
}

/** A creator's tier is the tier of their largest account. */
export function creatorTier(followerCounts: number[], thresholds: TierThresholds = DEFAULT_THRESHOLDS): Tier {
  return tierOf(Math.max(0, ...followerCounts), thresholds);
}

/**
 * Thresholds must rise strictly: nano < micro < macro < mega, all positive. `count` writes a
 * number in the workspace's style (NumberWriter.count); default 1,234.56.
 */
export function thresholdProblem(t: TierThresholds, count: (n: number) => string = (n) => n.toLocaleString("en-US")): string | null {
  const values = [t.nano, t.micro, t.macro, t.mega];
  if (values.some((v) => !Number.isSafeInteger(v) || v <= 0)) return "every threshold must be a positive whole number";
  if (values.some((v) => v > MAX_COUNT)) return `thresholds go up to ${count(MAX_COUNT)}`;
  for (let i = 1; i < values.length; i++) {
    if (values[i]! <= values[i - 1]!) return "thresholds must rise: nano < micro < macro < mega";
  }
  return null;
}

/** Engagement rate by followers that a tier is expected to reach, as fractions. */
export interface BenchmarkBand {
  low: number;
  high: number;
}

const BANDS: Record<Tier, BenchmarkBand> = {
  // Accounts under 1,000 followers are held to the nano band: small audiences engage most.
  emerging: { low: 0.05, high: 0.1 },
  nano: { low: 0.05, high: 0.1 },
  micro: { low: 0.02, high: 0.08 },
  macro: { low: 0.005, high: 0.02 },
  mega: { low: 0.005, high: 0.02 },
};

export const benchmarkBand = (tier: Tier): BenchmarkBand => BANDS[tier];

export type BenchmarkVerdict = "below" | "within" | "above" | "n/a";

export function compareToBenchmark(rate: number | null, tier: Tier): BenchmarkVerdict {
  if (rate === null) return "n/a";
  const band = BANDS[tier];
  if (rate < band.low) return "below";
  if (rate > band.high) return "above";
  return "within";
}
