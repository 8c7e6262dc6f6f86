// The figures of one campaign over a period, aggregated in the database (grouped queries, one
// row per creator or per account, never one per post or redemption), then combined by the pure
// rules of src/domain. Shared by /report, its CSV and the digests.

import { Prisma } from "../generated/prisma/client.ts";
import type { Campaign } from "../generated/prisma/client.ts";
import type { Db } from "./client.ts";
import { addFigures, emptyFigures, type Figures } from "../domain/metrics.ts";
import { addDays, inRange, type DayRange } from "../domain/periods.ts";
import { postSumsLoggedBy, salesLoggedBy, type PostSumRow } from "./figures-logged-by.ts";
import { earned, spendParts, type CashParts, type Earned, type Terms } from "../domain/spend.ts";
import { creatorTier, type Tier, type TierThresholds } from "../domain/tiers.ts";
import { salesByWave, type SalesReader } from "./wave-sales.ts";

export interface CreatorFigures {
  creatorId: number;
  handle: string;
  handleKey: string;
  tier: Tier;
  /** Followers of the creator's largest account. */
  followers: number;
  /** Their latest wave; `terms`, `cash`, `dueDate` and `hold` are that wave's. */
  wave: number;
  terms: Terms;
  /** Which parts of the terms are paid in money. */
  cash: CashParts;
  /** Every wave they are in (one enrolment each), in wave order, with its spend of the period: its fee once its own first post is in. */
  waves: WaveFigures[];
  /** The first post of their latest wave; null: that wave has no post yet (its deliverable is due). */
  waveFirstPostDay: string | null;
  /** Of the period's spend, what they earned in money and what in kind (docs/payouts.md). */
  earned: Earned;
  dueDate: string | null;
  /** Paused (/campaign pause) or marked ghosted (/campaign ghosted): no reminders; reports say so. */
  hold?: EnrolmentHold;
  /** First post in the campaign, at any time; null when they have not posted. */
  firstPostDay: string | null;
  /** When that first post was posted. */
  firstPostAt: Date | null;
  /** Of the period's orders, those dated before the first post (or with no post): 0 when the figures were read without lists. */
  ordersBeforeFirstPost: number;
  figures: Figures;
}

export type EnrolmentHold = "paused" | "ghosted" | null;

/** One wave of a creator in the period. */
export interface WaveFigures {
  enrolmentId: number;
  wave: number;
  terms: Terms;
  firstPostDay: string | null;
  orders: number;
  revenue: number;
  spendUnits: number;
}

export interface LeakAlert {
  handle: string;
  orders: number;
  revenue: number;
  firstDay: string;
  /** null: the creator has not posted at all. */
  firstPostDay: string | null;
}

export interface UndisclosedPost {
  handle: string;
  url: string;
  postedDay: string;
}

export interface CampaignFigures {
  creators: CreatorFigures[];
  totals: Figures;
  leaks: LeakAlert[];
  undisclosed: UndisclosedPost[];
}

const dayFilter = (field: string, range: DayRange) => ({
  ...(range.from !== null || range.to !== null
    ? { [field]: { ...(range.from !== null ? { gte: range.from } : {}), ...(range.to !== null ? { lte: range.to } : {}) } }
    : {}),
});

/** The same bounds for raw SQL: `AND <column> >= from AND <column> <= to`, either left out when open. `column` is trusted SQL (`p."postedDay"`). */
const sqlDayRange = (column: string, range: DayRange) =>
  Prisma.sql`${range.from !== null ? Prisma.sql`AND ${Prisma.raw(column)} >= ${range.from}` : Prisma.empty}
    ${range.to !== null ? Prisma.sql`AND ${Prisma.raw(column)} <= ${range.to}` : Prisma.empty}`;

/** What does not depend on the period: who is enrolled, on what terms, their accounts and first post. */
export interface CampaignRoster {
  /** One per creator, with the terms of their latest wave; `waves` holds every enrolment of theirs (one per wave). */
  enrolments: Array<{
    creatorId: number;
    waves: RosterWave[];
    wave: number;
    fee: number;
    productCost: number;
    commissionBps: number;
    perOrder: number;
    dueDate: string | null;
    cash: CashParts;
    hold: EnrolmentHold;
    creator: { handle: string; handleKey: string; accounts: Array<{ id: number; followers: number }> };
  }>;
  /** First post in the campaign by creator, at any time: its day and its time. */
  firstPostBy: Map<number, string | null>;
  firstPostAtBy: Map<number, Date | null>;
  /** First post of each enrolment (wave), at any time. */
  firstPostByEnrolment: Map<number, string | null>;
  /** The workspace's time zone: the day a wave began is a day there. */
  timeZone: string;
}

/** One enrolment (wave) of a creator. */
export interface RosterWave extends Omit<EnrolmentTerms, "waves"> {
  id: number;
  waveStartedAt: Date | null;
}

/** An enrolment's terms, as the roster keeps them. */
type EnrolmentTerms = Omit<CampaignRoster["enrolments"][number], "creator">;

/** A row of the joined roster read: an enrolment's terms with its creator and one of their accounts (none: nulls). */
interface RosterRow extends Omit<EnrolmentTerms, "cash" | "waves"> {
  enrolmentId: number;
  /** Booleans, as the database gives them in a raw read (SQLite: 0 or 1). */
  feeCash: unknown;
  productCash: unknown;
  commissionCash: unknown;
  perOrderCash: unknown;
  handle: string;
  handleKey: string;
  accountId: number | null;
  followers: number | null;
}

export async function campaignRoster(db: Db, campaignId: number): Promise<CampaignRoster> {
  const [rows, firstPosts, started, workspace] = await Promise.all([
    // One joined read, only the columns used: Prisma's nested select read enrolments, then their
    // creators and accounts by lists of ids (10,000 long in a big campaign), three times slower.
    db.$queryRaw<RosterRow[]>`
      SELECT e."id" AS "enrolmentId", e."creatorId" AS "creatorId", e."wave" AS "wave", e."fee" AS "fee", e."productCost" AS "productCost",
        e."commissionBps" AS "commissionBps", e."perOrder" AS "perOrder", e."dueDate" AS "dueDate",
        e."feeCash" AS "feeCash", e."productCash" AS "productCash", e."commissionCash" AS "commissionCash", e."perOrderCash" AS "perOrderCash",
        CASE WHEN e."ghostedAt" IS NOT NULL THEN 'ghosted' WHEN e."pausedAt" IS NOT NULL THEN 'paused' ELSE NULL END AS "hold",
        c."handle" AS "handle", c."handleKey" AS "handleKey", a."id" AS "accountId", a."followers" AS "followers"
      FROM "Enrolment" e
      JOIN "Creator" c ON c."id" = e."creatorId"
      LEFT JOIN "Account" a ON a."creatorId" = e."creatorId"
      WHERE e."campaignId" = ${campaignId}
      ORDER BY e."id", a."id"`,
    db.post.groupBy({ by: ["creatorId", "enrolmentId"], where: { campaignId, counts: true }, _min: { postedDay: true, postedAt: true } }),
    // When later waves began (a DateTime, read by the client rather than raw).
    db.enrolment.findMany({ where: { campaignId, waveStartedAt: { not: null } }, select: { id: true, waveStartedAt: true } }),
    db.workspace.findFirstOrThrow({ where: { campaigns: { some: { id: campaignId } } }, select: { timeZone: true } }),
  ]);
  const startedAt = new Map(started.map((e) => [e.id, e.waveStartedAt]));
  // A row per account (one per enrolment for a creator without any): folded back into enrolments.
  // Each object is written out field by field: spreading the raw rows (objects without a
  // prototype) made slow dictionary objects, which cost more than the queries (issue 18).
  const byCreator = new Map<number, CampaignRoster["enrolments"][number]>();
  for (const row of rows) {
    const id = Number(row.enrolmentId);
    const creatorId = Number(row.creatorId);
    let enrolment = byCreator.get(creatorId);
    if (enrolment && enrolment.waves.some((w) => w.id === id)) {
      // Accounts once per creator: from the rows of their first enrolment read.
      if (row.accountId !== null && enrolment.waves[0]!.id === id) enrolment.creator.accounts.push({ id: row.accountId, followers: row.followers ?? 0 });
      continue;
    }
    const wave: RosterWave = {
      id,
      creatorId,
      wave: row.wave,
      fee: row.fee,
      productCost: row.productCost,
      commissionBps: row.commissionBps,
      perOrder: row.perOrder,
      dueDate: row.dueDate,
      cash: { fee: isTrue(row.feeCash), product: isTrue(row.productCash), commission: isTrue(row.commissionCash), perOrder: isTrue(row.perOrderCash) },
      hold: row.hold,
      waveStartedAt: startedAt.get(id) ?? null,
    };
    if (!enrolment) {
      enrolment = {
        creatorId,
        waves: [wave],
        wave: wave.wave,
        fee: wave.fee,
        productCost: wave.productCost,
        commissionBps: wave.commissionBps,
        perOrder: wave.perOrder,
        dueDate: wave.dueDate,
        cash: wave.cash,
        hold: wave.hold,
        creator: { handle: row.handle, handleKey: row.handleKey, accounts: [] },
      };
      byCreator.set(creatorId, enrolment);
      if (row.accountId !== null) enrolment.creator.accounts.push({ id: row.accountId, followers: row.followers ?? 0 });
    } else {
      enrolment.waves.push(wave);
      // The creator's row carries the terms of their latest wave.
      if (wave.wave > enrolment.wave) {
        enrolment.wave = wave.wave;
        enrolment.fee = wave.fee;
        enrolment.productCost = wave.productCost;
        enrolment.commissionBps = wave.commissionBps;
        enrolment.perOrder = wave.perOrder;
        enrolment.dueDate = wave.dueDate;
        enrolment.cash = wave.cash;
        enrolment.hold = wave.hold;
      }
    }
  }
  const enrolments = [...byCreator.values()];
  for (const e of enrolments) e.waves.sort((a, b) => a.wave - b.wave);
  const firstPostBy = new Map<number, string | null>();
  const firstPostAtBy = new Map<number, Date | null>();
  for (const p of firstPosts) {
    const [day, at] = [p._min.postedDay, p._min.postedAt];
    const known = firstPostBy.get(p.creatorId);
    if (day !== null && (known === undefined || known === null || day < known)) firstPostBy.set(p.creatorId, day);
    const knownAt = firstPostAtBy.get(p.creatorId);
    if (at !== null && (knownAt === undefined || knownAt === null || at < knownAt)) firstPostAtBy.set(p.creatorId, at);
  }
  return {
    enrolments,
    firstPostBy,
    firstPostAtBy,
    firstPostByEnrolment: new Map(firstPosts.map((p) => [p.enrolmentId, p._min.postedDay])),
    timeZone: workspace.timeZone,
  };
}

/** A boolean column read raw: true, 1 or 1n (SQLite keeps 0 and 1). */
const isTrue = (value: unknown) => value === true || value === 1 || value === 1n || value === "1" || value === "true";

export interface FiguresOptions {
  /**
   * false: only the figures, with `leaks` and `undisclosed` left empty (two queries fewer), for
   * a period that is only compared with (the previous period of a report or digest).
   */
  lists?: boolean;
  /** The campaign's roster when the caller has it already (several periods of one campaign). */
  roster?: CampaignRoster;
  /**
   * The figures as they stood at that moment, on the period's last day (the day the moment falls
   * on): its posts with their latest snapshot by then, its orders and refunds logged by then
   * (figures-logged-by.ts); the days before it whole. For a period only compared with.
   */
  loggedBy?: Date;
}

export async function campaignFigures(db: Db, campaign: Campaign, range: DayRange, thresholds: TierThresholds, options: FiguresOptions = {}): Promise<CampaignFigures> {
  const campaignId = campaign.id;
  const lists = options.lists !== false;
  // Only posts that count (src/domain/approval.ts: live, and approved where approval is on).
  const postsInRange = { campaignId, counts: true, ...dayFilter("postedDay", range) };
  const postSumsOf = (days: DayRange) =>
    db.$queryRaw<PostSumRow[]>`
    SELECT p."creatorId" AS "creatorId", COUNT(*) AS "posts", SUM(p."views") AS "views", SUM(p."likes") AS "likes",
      SUM(p."comments") AS "comments", SUM(p."shares") AS "shares", SUM(p."saves") AS "saves", SUM(p."clicks") AS "clicks",
      SUM(COALESCE(a."followers", 0)) AS "followerReach", SUM(CASE WHEN p."disclosed" THEN 0 ELSE 1 END) AS "undisclosed"
    FROM "Post" p
    LEFT JOIN "Account" a ON a."id" = p."accountId"
    WHERE p."campaignId" = ${campaignId} AND p."counts"
      ${sqlDayRange('p."postedDay"', days)}
    GROUP BY p."creatorId"`;
  const salesOf = (days: DayRange) => db.salesDay.groupBy({ by: ["creatorId"], where: { campaignId, ...dayFilter("day", days) }, _sum: { orders: true, revenue: true } });
  // As it stood at a moment: the last day (the one the moment falls on) as logged by then, the days before whole.
  const cut = options.loggedBy && range.to !== null
    ? { at: options.loggedBy, last: { from: range.to, to: range.to }, before: range.from !== null && range.from < range.to ? { from: range.from, to: addDays(range.to, -1) } : null }
    : null;
  const [roster, postSums, sales, leakRows, undisclosedPosts] = await Promise.all([
    options.roster ?? campaignRoster(db, campaignId),
    // One pass over the posts, in the index's creator order (no sort): sums, the reach (each
    // post reaches its account's followers) and the posts without a disclosure.
    cut ? Promise.all([cut.before ? postSumsOf(cut.before) : [], postSumsLoggedBy(db, campaignId, cut.last, cut.at)]).then((parts) => parts.flat()) : postSumsOf(range),
    cut
      ? Promise.all([cut.before ? salesOf(cut.before) : [], salesLoggedBy(db, campaignId, cut.last, cut.at)]).then((parts) => parts.flat())
      : salesOf(range),
    // Orders before the creator's first post (or with no post at all). Driven by the enrolments
    // (every code, and so every order, belongs to one), one row per creator however many waves
    // they are in, so each creator's orders are read once and only up to their first post (the
    // earliest of their waves' first posts, each read from Post_report_sums_idx alone: every
    // column it names is in that index, with `counts` as an equality); CROSS JOIN keeps SQLite
    // to that order (to PostgreSQL it is a join).
    !lists ? [] : db.$queryRaw<Array<{ creatorId: number | bigint; orders: number | bigint | null; revenue: number | bigint | null; firstDay: string }>>`
      SELECT f."creatorId" AS "creatorId", SUM(r."orders") AS "orders", SUM(r."revenue") AS "revenue", MIN(r."day") AS "firstDay"
      FROM (
        SELECT e."creatorId" AS "creatorId",
          MIN((SELECT MIN(p."postedDay") FROM "Post" p WHERE p."campaignId" = e."campaignId" AND p."creatorId" = e."creatorId" AND p."enrolmentId" = e."id" AND p."counts" = TRUE)) AS "firstPost"
        FROM "Enrolment" e
        WHERE e."campaignId" = ${campaignId}
        GROUP BY e."creatorId"
      ) f
      CROSS JOIN "SalesDay" r
      WHERE r."campaignId" = ${campaignId} AND r."creatorId" = f."creatorId" AND r."day" < COALESCE(f."firstPost", '9999-12-31')
        ${sqlDayRange('r."day"', range)}
      GROUP BY f."creatorId"
      HAVING SUM(r."orders") > 0`,
    !lists
      ? []
      : db.post.findMany({
          where: { ...postsInRange, disclosed: false },
          select: { url: true, postedDay: true, creator: { select: { handle: true } } },
          orderBy: [{ postedDay: "asc" }, { id: "asc" }],
          take: 50,
        }),
  ]);

  const { enrolments, firstPostBy, firstPostAtBy } = roster;
  const leakOrdersBy = new Map(leakRows.map((r) => [Number(r.creatorId), Number(r.orders ?? 0)]));
  const figuresBy = new Map<number, Figures>();
  const figuresOf = (creatorId: number) => {
    let f = figuresBy.get(creatorId);
    if (!f) figuresBy.set(creatorId, (f = emptyFigures()));
    return f;
  };
  for (const row of postSums) {
    const f = figuresOf(Number(row.creatorId));
    // (A creator has two rows when the figures stood at a moment: the whole days and the last day.)
    f.posts += Number(row.posts);
    f.views += Number(row.views ?? 0);
    f.likes += Number(row.likes ?? 0);
    f.comments += Number(row.comments ?? 0);
    f.shares += Number(row.shares ?? 0);
    f.saves += Number(row.saves ?? 0);
    f.clicks += Number(row.clicks ?? 0);
    f.followerReach += Number(row.followerReach ?? 0);
    f.undisclosedPosts += Number(row.undisclosed ?? 0);
  }
  const salesBy = new Map<number, { orders: number; revenue: number }>();
  for (const row of sales) {
    const sum = salesBy.get(row.creatorId) ?? { orders: 0, revenue: 0 };
    salesBy.set(row.creatorId, { orders: sum.orders + Number(row._sum.orders ?? 0), revenue: sum.revenue + Number(row._sum.revenue ?? 0) });
  }
  const handleBy = new Map(enrolments.map((e) => [e.creatorId, e.creator.handle]));
  // Orders by wave, for creators in more than one (the others' are their totals).
  const salesIn: SalesReader = async (days, creatorIds) => {
    const where = { campaignId, creatorId: { in: creatorIds } };
    const read = async (d: DayRange) =>
      (await db.salesDay.groupBy({ by: ["creatorId"], where: { ...where, ...dayFilter("day", d) }, _sum: { orders: true, revenue: true } })).map((r) => ({ creatorId: r.creatorId, _sum: r._sum }));
    const rows = cut
      ? [
          ...(days.from === null || days.from < cut.last.from! ? await read({ from: days.from, to: addDays(cut.last.from!, -1) }) : []),
          ...(await salesLoggedBy(db, campaignId, cut.last, cut.at)).filter((r) => creatorIds.includes(r.creatorId)),
        ]
      : await read(days);
    const by = new Map<number, { orders: number; revenue: number }>();
    for (const r of rows) {
      const sum = by.get(r.creatorId) ?? { orders: 0, revenue: 0 };
      by.set(r.creatorId, { orders: sum.orders + Number(r._sum.orders ?? 0), revenue: sum.revenue + Number(r._sum.revenue ?? 0) });
    }
    return by;
  };
  const waveSales = await salesByWave(enrolments.flatMap((e) => e.waves), salesBy, range, roster.timeZone, salesIn);

  const creators: CreatorFigures[] = enrolments.map((e) => {
    const f = figuresOf(e.creatorId);
    const s = salesBy.get(e.creatorId);
    f.orders = s?.orders ?? 0;
    f.revenue = s?.revenue ?? 0;
    const firstPostDay = firstPostBy.get(e.creatorId) ?? null;
    // Each wave's fixed costs are incurred on the day of its first post; commissions with the
    // orders, at the terms of the wave in force on their day. (At a past moment, once that post had been logged.)
    const earnedParts: Earned = { feesUnits: 0, commissionUnits: 0, inKindUnits: 0 };
    f.spendUnits = 0;
    const waves = e.waves.map((w): WaveFigures => {
      const waveFirstPost = roster.firstPostByEnrolment.get(w.id) ?? null;
      const posted = waveFirstPost !== null && inRange(waveFirstPost, range) && (options.loggedBy === undefined || f.posts > 0);
      const sold = waveSales.get(w.id) ?? { orders: 0, revenue: 0 };
      const spend = spendParts(w, posted, sold.revenue, sold.orders);
      f.spendUnits += spend.fixedUnits + spend.variableUnits;
      const money = earned(w, w.cash, posted, sold.revenue, sold.orders);
      earnedParts.feesUnits += money.feesUnits;
      earnedParts.commissionUnits += money.commissionUnits;
      earnedParts.inKindUnits += money.inKindUnits;
      const terms = { fee: w.fee, productCost: w.productCost, commissionBps: w.commissionBps, perOrder: w.perOrder };
      return { enrolmentId: w.id, wave: w.wave, terms, firstPostDay: waveFirstPost, orders: sold.orders, revenue: sold.revenue, spendUnits: spend.fixedUnits + spend.variableUnits };
    });
    const followerCounts = e.creator.accounts.map((a) => a.followers);
    return {
      creatorId: e.creatorId,
      handle: e.creator.handle,
      handleKey: e.creator.handleKey,
      tier: creatorTier(followerCounts, thresholds),
      followers: Math.max(0, ...followerCounts),
      wave: e.wave,
      terms: { fee: e.fee, productCost: e.productCost, commissionBps: e.commissionBps, perOrder: e.perOrder },
      cash: e.cash,
      waves,
      waveFirstPostDay: waves.at(-1)?.firstPostDay ?? null,
      earned: earnedParts,
      dueDate: e.dueDate,
      hold: e.hold,
      firstPostDay,
      firstPostAt: firstPostAtBy.get(e.creatorId) ?? null,
      ordersBeforeFirstPost: leakOrdersBy.get(e.creatorId) ?? 0,
      figures: f,
    };
  });
  creators.sort((a, b) => (a.handleKey < b.handleKey ? -1 : a.handleKey > b.handleKey ? 1 : 0));

  return {
    creators,
    totals: creators.reduce((sum, c) => addFigures(sum, c.figures), emptyFigures()),
    leaks: leakRows
      .map((r) => ({
        handle: handleBy.get(Number(r.creatorId)) ?? "?",
        orders: Number(r.orders ?? 0),
        revenue: Number(r.revenue ?? 0),
        firstDay: String(r.firstDay),
        firstPostDay: firstPostBy.get(Number(r.creatorId)) ?? null,
      }))
      .sort((a, b) => b.revenue - a.revenue),
    undisclosed: undisclosedPosts.map((p) => ({ handle: p.creator.handle, url: p.url, postedDay: p.postedDay })),
  };
}

/** Orders and revenue per day (for charts), only days that have any. */
export async function salesByDay(db: Db, campaignId: number, range: DayRange) {
  const rows = await db.salesDay.groupBy({
    by: ["day"],
    where: { campaignId, ...dayFilter("day", range) },
    _sum: { orders: true, revenue: true },
    orderBy: { day: "asc" },
  });
  return rows.map((r) => ({ day: r.day, orders: r._sum.orders ?? 0, revenue: r._sum.revenue ?? 0 }));
}

/** The first day anything happened in the campaign (start date, post or order). */
export async function campaignFirstDay(db: Db, campaign: Campaign): Promise<string | null> {
  const [post, sale] = await Promise.all([
    db.post.aggregate({ where: { campaignId: campaign.id, counts: true }, _min: { postedDay: true } }),
    db.salesDay.aggregate({ where: { campaignId: campaign.id }, _min: { day: true } }),
  ]);
  const days = [campaign.startDate, post._min.postedDay, sale._min.day].filter((d): d is string => Boolean(d));
  return days.length > 0 ? days.sort()[0]! : null;
}
