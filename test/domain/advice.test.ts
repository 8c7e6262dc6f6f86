// Whom to review: a creator under the tier's engagement benchmark is named with a rate that
// reads as under it, whatever the rounding.

import { expect, test } from "vitest";
import { recommend } from "../../src/domain/advice.ts";
import { formatMoney, formatPercent } from "../../src/core/format.ts";
import { emptyFigures } from "../../src/domain/metrics.ts";

const describe = { money: (minor: number) => formatMoney(minor, "USD"), percent: (rate: number | null, decimals = 1) => formatPercent(rate, decimals) };

/** A micro creator (benchmark 2%–8%) with one post: `engagements` of 100,000 followers reached. */
const micro = (handle: string, engagements: number) => ({ handle, tier: "micro" as const, figures: { ...emptyFigures(), posts: 1, views: 50_000, likes: engagements, followerReach: 100_000 } });

test("a rate just under the benchmark shows enough decimals to be under it; others keep one", () => {
  const { review } = recommend("awareness", [micro("close", 1_960), micro("closer", 1_999), micro("far", 500), micro("fine", 3_000)], describe);
  const reasons = Object.fromEntries(review.map((a) => [a.handle, a.reasons.join("; ")]));
  expect(reasons.close).toBe("engagement rate 1.96%, below the micro benchmark of 2.0%–8.0%");
  expect(reasons.closer).toBe("engagement rate 1.999%, below the micro benchmark of 2.0%–8.0%");
  expect(reasons.far).toBe("engagement rate 0.5%, below the micro benchmark of 2.0%–8.0%");
  expect(reasons.fine).toBeUndefined();
});
