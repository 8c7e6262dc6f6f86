import { describe, expect, it } from "vitest";
import { isOutlierOrder, medianOrderValue, postOutliers } from "../../src/domain/outliers.ts";

const metrics = (views: number, likes: number) => ({ views, likes, comments: 0, shares: 0, saves: 0, clicks: 0 });

describe("medianOrderValue", () => {
  it.each([
    { rows: [{ orders: 1, revenue: 100 }, { orders: 1, revenue: 300 }, { orders: 1, revenue: 200 }, { orders: 1, revenue: 900 }, { orders: 1, revenue: 50 }], median: 200, orders: 5 },
    // A day's total counts as that many orders of its average: 20 orders of 40 outweigh the rest.
    { rows: [{ orders: 20, revenue: 800 }, { orders: 1, revenue: 9_000 }, { orders: 1, revenue: 10 }], median: 40, orders: 22 },
    // An even number of orders: the mean of the two middle ones.
    { rows: [{ orders: 3, revenue: 300 }, { orders: 3, revenue: 600 }], median: 150, orders: 6 },
    // Refunds (negative revenue) and rows without orders are left out.
    { rows: [{ orders: 5, revenue: 500 }, { orders: -1, revenue: -100 }, { orders: 0, revenue: 0 }], median: 100, orders: 5 },
  ])("$median over $orders orders", ({ rows, median, orders }) => {
    expect(medianOrderValue(rows)).toEqual({ median, orders });
  });

  it("is null under five orders", () => {
    expect(medianOrderValue([{ orders: 4, revenue: 400 }])).toBeNull();
    expect(medianOrderValue([])).toBeNull();
  });

  it("questions an order worth more than ten times the median, per order", () => {
    expect(isOutlierOrder({ orders: 1, revenue: 1001 }, 100)).toBe(true);
    expect(isOutlierOrder({ orders: 1, revenue: 1000 }, 100)).toBe(false);
    expect(isOutlierOrder({ orders: 25, revenue: 101_250_00 }, 40_50)).toBe(true);
    expect(isOutlierOrder({ orders: 25, revenue: 1_012_50 }, 40_50)).toBe(false);
  });
});

describe("postOutliers", () => {
  it("an engagement rate over 100% of followers, and more engagements than views", () => {
    expect(postOutliers(metrics(1_000, 1_500), 1_000)).toEqual([
      { kind: "engagement_rate", engagements: 1_500, followers: 1_000, rate: 1.5 },
      { kind: "engagements_over_views", engagements: 1_500, views: 1_000 },
    ]);
    expect(postOutliers(metrics(0, 500), 10_000)).toEqual([]);
    expect(postOutliers(metrics(5_000, 1_000), 0)).toEqual([]);
    expect(postOutliers(metrics(1_000, 1_000), 1_000)).toEqual([]);
  });
});
