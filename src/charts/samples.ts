// Made-up digest data for the sample charts (the pictures in docs/digests.md) and the chart tests.

import type { ChartInputs } from "./types.ts";

const days = Array.from({ length: 14 }, (_, i) => `2026-03-${String(i + 2).padStart(2, "0")}`);
const orders = [4, 9, 14, 8, 12, 19, 13, 18, 23, 17, 22, 28, 21, 26];
const revenueMinor = [21800, 40500, 66200, 37900, 55400, 88100, 61000, 83600, 104900, 79300, 101200, 129800, 96500, 121700];

export function sampleChartInputs(): ChartInputs {
  return {
    ordersRevenue: { title: "Orders and revenue per day", currency: "USD", days: [...days], orders: [...orders], revenueMinor: [...revenueMinor] },
    engagement: {
      title: "Engagement rate vs tier benchmark",
      creators: [
        { handle: "@ana.lifts", tier: "nano", rate: 0.072, band: { low: 0.05, high: 0.1 } },
        { handle: "@kettlebell_kai", tier: "micro", rate: 0.011, band: { low: 0.02, high: 0.08 } },
        { handle: "@resin.rosa", tier: "micro", rate: 0.093, band: { low: 0.02, high: 0.08 } },
        { handle: "@trailrun.tom", tier: "micro", rate: 0.034, band: { low: 0.02, high: 0.08 } },
        { handle: "@big.bench", tier: "macro", rate: 0.0041, band: { low: 0.005, high: 0.02 } },
        { handle: "@new.nora", tier: "nano", rate: null, band: { low: 0.05, high: 0.1 } },
      ],
    },
    spendRevenue: {
      title: "Spend vs revenue by creator",
      currency: "USD",
      creators: [
        { handle: "@ana.lifts", spendMinor: 50000, revenueMinor: 182000 },
        { handle: "@kettlebell_kai", spendMinor: 120000, revenueMinor: 64000 },
        { handle: "@resin.rosa", spendMinor: 80000, revenueMinor: 240000 },
        { handle: "@trailrun.tom", spendMinor: 65000, revenueMinor: 97500 },
        { handle: "@big.bench", spendMinor: 300000, revenueMinor: 150000 },
        { handle: "@new.nora", spendMinor: 0, revenueMinor: 0 },
      ],
    },
  };
}
