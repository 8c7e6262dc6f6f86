// A period's figures as they stood at a past moment: posts with the metrics of their latest
// snapshot taken by then, orders (and refunds) logged by then. A /digest now compares today so
// far with the same day of the period before up to the same time (yesterday, or a week ago),
// not with all of it. Only one day is read this way: the rows are few, so they are summed here.

import type { Db } from "./client.ts";

/** Sums come back as numbers from SQLite and as bigints (or numeric strings) from PostgreSQL. */
type Sum = number | bigint | string | null;

/** Each creator's posts in a period, added up (the report's grouped query reads the same). */
export interface PostSumRow {
  creatorId: number | bigint;
  posts: Sum;
  views: Sum;
  likes: Sum;
  comments: Sum;
  shares: Sum;
  saves: Sum;
  clicks: Sum;
  followerReach: Sum;
  undisclosed: Sum;
}

export interface SalesSumRow {
  creatorId: number;
  _sum: { orders: number | null; revenue: number | null };
}

const days = (range: { from: string | null; to: string | null }) => ({ ...(range.from !== null ? { gte: range.from } : {}), ...(range.to !== null ? { lte: range.to } : {}) });

/** Posts of the period that had a snapshot by `loggedBy`, each with the metrics of its latest one then. */
export async function postSumsLoggedBy(db: Db, campaignId: number, range: { from: string | null; to: string | null }, loggedBy: Date): Promise<PostSumRow[]> {
  const posts = await db.post.findMany({
    where: { campaignId, counts: true, postedDay: days(range), snapshots: { some: { takenAt: { lte: loggedBy } } } },
    select: {
      creatorId: true,
      disclosed: true,
      account: { select: { followers: true } },
      snapshots: { where: { takenAt: { lte: loggedBy } }, orderBy: [{ takenAt: "desc" }, { id: "desc" }], take: 1 },
    },
  });
  const by = new Map<number, { [K in keyof PostSumRow]: number }>();
  for (const p of posts) {
    const s = p.snapshots[0]!;
    const row = by.get(p.creatorId) ?? { creatorId: p.creatorId, posts: 0, views: 0, likes: 0, comments: 0, shares: 0, saves: 0, clicks: 0, followerReach: 0, undisclosed: 0 };
    row.posts += 1;
    row.views += s.views;
    row.likes += s.likes;
    row.comments += s.comments;
    row.shares += s.shares;
    row.saves += s.saves;
    row.clicks += s.clicks;
    row.followerReach += p.account.followers;
    row.undisclosed += p.disclosed ? 0 : 1;
    by.set(p.creatorId, row);
  }
  return [...by.values()];
}

/** Orders and revenue of the period logged by `loggedBy`, refunds included (rows of negative revenue), by creator. */
export async function salesLoggedBy(db: Db, campaignId: number, range: { from: string | null; to: string | null }, loggedBy: Date): Promise<SalesSumRow[]> {
  const rows = await db.redemption.groupBy({ by: ["creatorId"], where: { campaignId, day: days(range), createdAt: { lte: loggedBy } }, _sum: { orders: true, revenue: true } });
  return rows.map((r) => ({ creatorId: r.creatorId, _sum: { orders: r._sum.orders, revenue: r._sum.revenue } }));
}
