import { describe, expect, it } from "vitest";
import { benchmarkBand, compareToBenchmark, creatorTier, thresholdProblem, tierOf } from "../../src/domain/tiers.ts";

describe("tiers from followers", () => {
  it.each([
    [0, "emerging"],
    [999, "emerging"],
    [1_000, "nano"],
    [9_999, "nano"],
    [10_000, "micro"],
    [99_999, "micro"],
    [100_000, "macro"],
    [999_999, "macro"],
    [1_000_000, "mega"],
    [25_000_000, "mega"],
  ])("%i followers is %s", (followers, tier) => {
    expect(tierOf(followers)).toBe(tier);
  });

  it("uses the workspace's own thresholds", () => {
    const custom = { nano: 500, micro: 5_000, macro: 50_000, mega: 500_000 };
    expect(tierOf(499, custom)).toBe("emerging");
    expect(tierOf(500, custom)).toBe("nano");
    expect(tierOf(4_999, custom)).toBe("nano");
    expect(tierOf(5_000, custom)).toBe("micro");
    expect(tierOf(50_000, custom)).toBe("macro");
    expect(tierOf(500_000, custom)).toBe("mega");
  });

  it("a creator's tier is that of their largest account", () => {
    expect(creatorTier([48_000, 120_000, 900])).toBe("macro");
    expect(creatorTier([])).toBe("emerging");
  });

  it("refuses thresholds that do not rise", () => {
    expect(thresholdProblem({ nano: 1000, micro: 1000, macro: 100_000, mega: 1_000_000 })).toMatch(/rise/);
    expect(thresholdProblem({ nano: 0, micro: 10, macro: 100, mega: 1000 })).toMatch(/positive/);
    expect(thresholdProblem({ nano: 1000, micro: 10_000, macro: 100_000, mega: 1_000_000 })).toBeNull();
  });

  it("compares engagement rates with the tier's benchmark band", () => {
    expect(benchmarkBand("micro")).toEqual({ low: 0.02, high: 0.08 });
    expect(compareToBenchmark(0.019, "micro")).toBe("below");
    expect(compareToBenchmark(0.02, "micro")).toBe("within");
    expect(compareToBenchmark(0.081, "micro")).toBe("above");
    expect(compareToBenchmark(0.004, "mega")).toBe("below");
    expect(compareToBenchmark(null, "nano")).toBe("n/a");
  });
});
