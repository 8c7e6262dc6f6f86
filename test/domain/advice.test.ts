// Advice only on evidence: a creator under the tier's engagement benchmark is named with a rate
// that reads as under it, whatever the rounding; nobody is scaled on too few orders or views,
// judged within the grace period after their first post, or ranked on orders that came before
// any post of theirs.

import { describe as group, expect, test } from "vitest";
import { leaderboard, recommend, type AdviceRules, type Performer } from "../../src/domain/advice.ts";
import { numberWriter } from "../../src/core/format.ts";
import { adviceNumbers } from "../../src/reports/report-sections.ts";
import { emptyFigures, type Figures } from "../../src/domain/metrics.ts";
import { SPEND_SCALE } from "../../src/domain/spend.ts";

const describe = adviceNumbers(numberWriter("1,234.56"), "USD");
const NOW = new Date("2026-12-20T12:00:00Z");
const rules: AdviceRules = { minOrders: 5, minViews: 1000, graceHours: 48, now: NOW };
const LONG_AGO = new Date("2026-12-01T12:00:00Z");

const performer = (handle: string, figures: Partial<Figures>, more: Partial<Performer> = {}): Performer => ({
  handle,
  tier: "micro",
  figures: { ...emptyFigures(), ...figures },
  firstPostAt: (figures.posts ?? 0) > 0 ? LONG_AGO : null,
  ordersBeforeFirstPost: 0,
  ...more,
});

/** A micro creator (benchmark 2%–8%) with one post: `engagements` of 100,000 followers reached. */
const micro = (handle: string, engagements: number, more: Partial<Performer> = {}) =>
  performer(handle, { posts: 1, views: 50_000, likes: engagements, followerReach: 100_000 }, more);

/** A seller with one post: `orders` orders of $100 each on $100 of spend per order / roas. */
const seller = (handle: string, orders: number, roas: number, more: Partial<Performer> = {}) =>
  performer(handle, { posts: 1, views: 20_000, likes: 600, followerReach: 20_000, orders, revenue: orders * 10_000, spendUnits: Math.round(((orders * 10_000) / roas) * SPEND_SCALE) }, more);

test("a rate just under the benchmark shows enough decimals to be under it; others keep one", () => {
  const { review } = recommend("awareness", [micro("close", 1_960), micro("closer", 1_999), micro("far", 500), micro("fine", 3_000)], describe, rules);
  const reasons = Object.fromEntries(review.map((a) => [a.handle, a.reasons.join("; ")]));
  expect(reasons.close).toBe("engagement rate 1.96%, below the micro benchmark of 2.0%–8.0%");
  expect(reasons.closer).toBe("engagement rate 1.999%, below the micro benchmark of 2.0%–8.0%");
  expect(reasons.far).toBe("engagement rate 0.5%, below the micro benchmark of 2.0%–8.0%");
  expect(reasons.fine).toBeUndefined();
});

group("thresholds", () => {
  test("4 orders are not enough to be scaled in a sales campaign, 5 are; the workspace can ask for more", () => {
    const advice = recommend("sales", [seller("four", 4, 5), seller("five", 5, 3)], describe, rules);
    expect(advice.scale.map((a) => a.handle)).toEqual(["five"]);
    expect(advice.tooLittle).toEqual([{ handle: "four", reasons: ["4 of the 5 orders advice needs"] }]);
    expect(recommend("sales", [seller("five", 5, 3)], describe, { ...rules, minOrders: 10 }).scale).toEqual([]);
  });

  test("fewer than 1,000 views are not enough to be scaled on engagement", () => {
    const few = performer("few", { posts: 1, views: 999, likes: 5_000, followerReach: 100_000 });
    const enough = performer("enough", { posts: 1, views: 1_000, likes: 4_000, followerReach: 100_000 });
    const advice = recommend("awareness", [few, enough], describe, rules);
    expect(advice.scale.map((a) => a.handle)).toEqual(["enough"]);
    expect(advice.tooLittle).toEqual([{ handle: "few", reasons: ["999 of the 1,000 views advice needs"] }]);
  });

  test("nobody is put to review for engagement, or for no orders, within 48 hours of their first post", () => {
    const justPosted = micro("fresh", 100, { firstPostAt: new Date(NOW.getTime() - 47 * 3_600_000) });
    const twoDays = micro("settled", 100, { firstPostAt: new Date(NOW.getTime() - 48 * 3_600_000) });
    const advice = recommend("awareness", [justPosted, twoDays], describe, rules);
    expect(advice.review.map((a) => a.handle)).toEqual(["settled"]);
    expect(advice.tooEarly).toEqual(["fresh"]);
    const unsold = performer("unsold", { posts: 1, views: 100, spendUnits: 30_000 * SPEND_SCALE }, { firstPostAt: new Date(NOW.getTime() - 3_600_000) });
    expect(recommend("sales", [unsold], describe, rules).review).toEqual([]);
    expect(recommend("sales", [unsold], describe, { ...rules, graceHours: 0 }).review).toEqual([{ handle: "unsold", reasons: ["no orders yet"] }]);
  });
});

group("the leaderboard", () => {
  test("never puts at the top a creator whose orders all came before their first post, or who never posted", () => {
    const leaked = seller("leaked", 9, 20, { ordersBeforeFirstPost: 9 });
    const partly = seller("partly", 9, 4, { ordersBeforeFirstPost: 2 });
    const ghost = performer("ghost", { orders: 6, revenue: 60_000, spendUnits: 1_000 * SPEND_SCALE });
    const honest = seller("honest", 6, 2);
    const board = leaderboard("sales", [leaked, ghost, honest, partly]);
    expect(board.ranked.map((p) => p.handle)).toEqual(["partly", "honest"]);
    expect(board.notRanked.map((x) => [x.performer.handle, x.reason])).toEqual([
      ["ghost", "no post yet"],
      ["leaked", "every order before the first post"],
    ]);
    expect(recommend("sales", [leaked, ghost, honest, partly], describe, rules).scale.map((a) => a.handle)).toEqual(["partly", "honest"]);
  });
});
