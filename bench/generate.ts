// Generates one campaign of a given size for benchmarks and tests: creators with accounts,
// enrolments with their terms, a discount code each, posts with metric snapshots, and orders.
// The workspace, its admin and the campaign come through the real /campaign new command; the
// bulk rows are written straight into the real schema (sql-insert.ts says why not createMany),
// shaped as the commands would write them: URL keys from postKey, days in the workspace's zone
// (UTC here), the latest snapshot repeated on the post, order ids unique per code. Seeded, so
// the same options give the same figures.

import { DateTime } from "luxon";
import type { Core } from "../src/create-core.ts";
import type { Caller } from "../src/core/dispatch.ts";
import { renderText } from "../src/render/text.ts";
import { formatOfUrl, platformOfUrl, postKey } from "../src/domain/post-urls.ts";
import { seededRandom } from "./prng.ts";
import { rebuildCodeTotalsSql } from "../src/db/code-totals.ts";
import { rebuildSalesDaysSql } from "../src/db/sales-days.ts";
import { insertRows, runInTransaction, withoutSync, type SqlValue } from "./sql-insert.ts";

export interface CampaignSize {
  creators: number;
  posts: number;
  redemptions: number;
}

/** The size the benchmark calls 1×; 10× is ten times each. */
export const BENCH_SIZE: CampaignSize = { creators: 1_000, posts: 10_000, redemptions: 200_000 };

export const scaleSize = (size: CampaignSize, factor: number): CampaignSize => ({
  creators: Math.round(size.creators * factor),
  posts: Math.round(size.posts * factor),
  redemptions: Math.round(size.redemptions * factor),
});

export interface GenerateOptions extends CampaignSize {
  /** Whose workspace: the Slack team by default, so signed Slack commands reach this data. */
  caller?: Caller;
  campaignName?: string;
  /** Snapshots per post (the last one equals the post's metrics). Default 2. */
  snapshotsPerPost?: number;
  /** Days the campaign has run, ending on lastDay. Default 90. */
  days?: number;
  /** The last day with posts and orders (YYYY-MM-DD). Default: yesterday (UTC). */
  lastDay?: string;
  seed?: number;
  onProgress?: (message: string) => void;
}

export interface GeneratedCampaign {
  caller: Caller;
  workspaceId: number;
  campaignId: number;
  campaignName: string;
  firstDay: string;
  lastDay: string;
  /** Handles in creation order (c00001, c00002, …). */
  handles: string[];
  /** Each creator's code, in the same order (C00001, …). */
  codes: string[];
  counts: { creators: number; accounts: number; posts: number; snapshots: number; redemptions: number; orders: number; revenue: number };
}

export const BENCH_CALLER: Caller = { platform: "slack", workspaceId: "TBENCH", workspaceName: "bench", userId: "UBENCH", userName: "bench", channelId: "CBENCH" };

const PLATFORMS = ["tiktok", "instagram", "youtube"] as const;
type BenchPlatform = (typeof PLATFORMS)[number];
const NICHES = ["kettlebell training", "running", "yoga", "meal prep", "mobility", "cycling"];

const pad = (n: number) => String(n).padStart(5, "0");
const at = (day: string, hour: number) => `${day}T${String(hour).padStart(2, "0")}:00:00.000Z`;
const addDays = (day: string, n: number) => DateTime.fromISO(day, { zone: "utc" }).plus({ days: n }).toISODate()!;

function postUrl(platform: BenchPlatform, handle: string, n: number): string {
  if (platform === "tiktok") return `https://www.tiktok.com/@${handle}/video/${7_300_000_000 + n}`;
  if (platform === "instagram") return `https://www.instagram.com/p/B${pad(n)}x${handle}/`;
  return `https://www.youtube.com/watch?v=yt${handle}${pad(n)}`;
}

export async function generateCampaign(core: Pick<Core, "db" | "dispatcher">, options: GenerateOptions): Promise<GeneratedCampaign> {
  const { db } = core;
  const random = seededRandom(options.seed ?? 20261123);
  const progress = options.onProgress ?? (() => undefined);
  const caller = options.caller ?? BENCH_CALLER;
  const campaignName = options.campaignName ?? "Bench Launch";
  const days = options.days ?? 90;
  const lastDay = options.lastDay ?? DateTime.utc().minus({ days: 1 }).toISODate()!;
  const firstDay = addDays(lastDay, -(days - 1));
  const snapshotsPerPost = options.snapshotsPerPost ?? 2;
  const stamp = new Date().toISOString();

  // The workspace (created on first use), its first member (the admin) and the campaign, as a person would.
  const created = await core.dispatcher.runLine(
    caller,
    `/campaign new "${campaignName}" brand:Kettlebell objective:sales budget:$${Math.max(1, options.creators) * 1_000} start:${firstDay} end:${addDays(lastDay, 30)}`,
  );
  if (created.status !== "ok") throw new Error(`generate: /campaign new failed: ${renderText(created)}`);
  const workspace = await db.workspace.findUniqueOrThrow({ where: { platform_externalId: { platform: caller.platform, externalId: caller.workspaceId } } });
  const member = await db.member.findUniqueOrThrow({ where: { workspaceId_externalId: { workspaceId: workspace.id, externalId: caller.userId } } });
  const campaign = await db.campaign.findUniqueOrThrow({ where: { workspaceId_nameKey: { workspaceId: workspace.id, nameKey: campaignName.toLowerCase() } } });
  const ws = workspace.id;

  const generated = await withoutSync(db, async () => {
    // Creators, their accounts, enrolments and codes.
    const handles = Array.from({ length: options.creators }, (_, i) => `c${pad(i + 1)}`);
    const codes = handles.map((h) => h.toUpperCase());
    const firstCreatorId = await insert(
      "Creator",
      ["workspaceId", "handle", "handleKey", "niche", "status", "createdAt", "updatedAt"],
      handles.map((h, i) => [ws, h, h, NICHES[i % NICHES.length]!, "active", stamp, stamp]),
    );
    const creatorIds = handles.map((_, i) => firstCreatorId + i);

    const accounts: Array<{ creator: number; platform: BenchPlatform; followers: number }> = [];
    const mainAccountOf: number[] = [];
    handles.forEach((_, i) => {
      mainAccountOf.push(accounts.length);
      accounts.push({ creator: i, platform: PLATFORMS[i % 3]!, followers: Math.round(random.logUniform(1_500, 600_000)) });
      if (i % 5 === 4) accounts.push({ creator: i, platform: PLATFORMS[(i + 1) % 3]!, followers: Math.round(random.logUniform(1_000, 200_000)) });
    });
    const firstAccountId = await insert(
      "Account",
      ["workspaceId", "creatorId", "platform", "handle", "followers", "createdAt", "updatedAt"],
      accounts.map((a) => [ws, creatorIds[a.creator]!, a.platform, handles[a.creator]!, a.followers, stamp, stamp]),
    );

    const firstEnrolmentId = await insert(
      "Enrolment",
      ["workspaceId", "campaignId", "creatorId", "wave", "fee", "productCost", "commissionBps", "perOrder", "dueDate", "createdAt", "updatedAt"],
      handles.map((_, i) => {
        const commissioned = random.chance(0.6);
        return [
          ws,
          campaign.id,
          creatorIds[i]!,
          1 + (i % 3),
          random.int(5, 60) * 1000,
          random.int(0, 8) * 500,
          commissioned ? random.int(2, 15) * 100 : 0,
          commissioned ? 0 : random.int(0, 4) * 100,
          addDays(firstDay, random.int(7, days + 14)),
          stamp,
          stamp,
        ] as SqlValue[];
      }),
    );
    const firstCodeId = await insert(
      "Code",
      ["workspaceId", "campaignId", "creatorId", "enrolmentId", "kind", "code", "discountBps", "createdAt"],
      handles.map((_, i) => [ws, campaign.id, creatorIds[i]!, firstEnrolmentId + i, "code", codes[i]!, 1000 + (i % 3) * 500, stamp]),
    );
    progress(`${options.creators} creators, ${accounts.length} accounts, enrolments and codes`);

    // Posts: nine creators in ten post, spread over the campaign; their first post day matters for leaks.
    const posting = handles.map((_, i) => i).filter(() => random.chance(0.9));
    const firstPostOf = new Map<number, string>();
    const postRows: SqlValue[][] = [];
    for (let n = 0; n < options.posts && posting.length > 0; n++) {
      const i = posting[n % posting.length]!;
      const accountIndex = i % 5 === 4 && random.chance(0.3) ? mainAccountOf[i]! + 1 : mainAccountOf[i]!;
      const account = accounts[accountIndex]!;
      const url = postUrl(account.platform, handles[i]!, n + 1);
      if (platformOfUrl(url) !== account.platform) throw new Error(`generate: ${url} is not on ${account.platform}`);
      const day = addDays(firstDay, random.int(2, days - 1));
      if (!firstPostOf.has(i) || day < firstPostOf.get(i)!) firstPostOf.set(i, day);
      const views = Math.round(account.followers * random.logUniform(0.05, 2));
      const likes = Math.round(views * random.logUniform(0.01, 0.15));
      postRows.push([
        ws,
        campaign.id,
        creatorIds[i]!,
        firstEnrolmentId + i,
        firstAccountId + accountIndex,
        url,
        postKey(url),
        account.platform,
        formatOfUrl(url),
        random.chance(0.93) ? 1 : 0,
        at(day, 12),
        day,
        views,
        likes,
        Math.round(likes * random.logUniform(0.02, 0.1)),
        Math.round(likes * random.logUniform(0.01, 0.06)),
        Math.round(likes * random.logUniform(0.01, 0.08)),
        Math.round(views * random.logUniform(0.001, 0.01)),
        member.id,
        stamp,
        stamp,
      ]);
    }
    const POST_COLUMNS = ["workspaceId", "campaignId", "creatorId", "enrolmentId", "accountId", "url", "urlKey", "platform", "format", "disclosed", "postedAt", "postedDay"];
    const METRICS = ["views", "likes", "comments", "shares", "saves", "clicks"];
    await insert("Post", [...POST_COLUMNS, ...METRICS, "createdById", "createdAt", "updatedAt"], postRows);
    progress(`${postRows.length} posts`);

    // Snapshots: earlier ones a share of the latest, a day apart; the last equals the post.
    await runInTransaction(db, async (tx) => {
      for (let s = 1; s <= snapshotsPerPost; s++) {
        const share = s / snapshotsPerPost;
        await tx.$executeRawUnsafe(
          `INSERT INTO "MetricSnapshot" ("postId", ${METRICS.map((m) => `"${m}"`).join(", ")}, "createdById", "takenAt")
           SELECT "id", ${METRICS.map((m) => `CAST("${m}" * ${share} AS INTEGER)`).join(", ")}, "createdById",
                  strftime('%Y-%m-%dT%H:%M:%fZ', "postedDay", '+12 hours', '+${s - 1} days')
           FROM "Post" WHERE "campaignId" = ?`,
          campaign.id,
        );
      }
    });
    progress(`${postRows.length * snapshotsPerPost} snapshots`);

    // Orders: most creators sell, some far more than others; a few codes leak before the first post.
    const weights = handles.map((_, i) => (random.chance(0.85) ? Math.sqrt(accounts[mainAccountOf[i]!]!.followers) * random.logUniform(0.2, 5) : 0));
    const counts = apportion(options.redemptions, weights);
    const plans: SqlValue[][] = [];
    handles.forEach((_, i) => {
      if (counts[i] === 0) return;
      const firstPost = firstPostOf.get(i);
      const leaks = firstPost === undefined || random.chance(0.03);
      const start = leaks ? addDays(firstPost ?? lastDay, -random.int(5, 30)) : firstPost;
      const from = start < firstDay ? firstDay : start;
      const span = Math.round(DateTime.fromISO(lastDay, { zone: "utc" }).diff(DateTime.fromISO(from, { zone: "utc" }), "days").days) + 1;
      plans.push([firstCodeId + i, creatorIds[i]!, counts[i]!, from, span, random.int(30, 120) * 100]);
    });
    await expandRedemptions(plans, ws, campaign.id, member.id);
    // What /code redeem adds up as it logs each order.
    await db.$executeRaw(rebuildSalesDaysSql(campaign.id));
    await db.$executeRaw(rebuildCodeTotalsSql(campaign.id));
    progress(`${options.redemptions} redemptions`);

    const [sums] = await db.$queryRawUnsafe<Array<{ rows: bigint | number; orders: bigint | number | null; revenue: bigint | number | null }>>(
      `SELECT COUNT(*) AS "rows", SUM("orders") AS "orders", SUM("revenue") AS "revenue" FROM "Redemption" WHERE "campaignId" = ?`,
      campaign.id,
    );
    return {
      caller,
      workspaceId: ws,
      campaignId: campaign.id,
      campaignName,
      firstDay,
      lastDay,
      handles,
      codes,
      counts: {
        creators: handles.length,
        accounts: accounts.length,
        posts: postRows.length,
        snapshots: postRows.length * snapshotsPerPost,
        redemptions: Number(sums?.rows ?? 0),
        orders: Number(sums?.orders ?? 0),
        revenue: Number(sums?.revenue ?? 0),
      },
    };
  });
  // Settled as weeks of use leave it: the log (some 300 MB after the 10× rows) copied back into
  // the file, as the bot's checkpoints do as it goes. Read through such a log, the 10× report
  // took a quarter longer.
  await db.$queryRawUnsafe("PRAGMA wal_checkpoint(TRUNCATE)");
  return generated;

  /**
   * Inserts the rows and returns the id of the first; the others follow on from it, which the
   * count checks (true while nothing else writes to the file, as here).
   */
  async function insert(table: string, columns: readonly string[], rows: SqlValue[][]): Promise<number> {
    const maxId = async () => Number((await db.$queryRawUnsafe<Array<{ max: bigint | number | null }>>(`SELECT MAX("id") AS "max" FROM "${table}"`))[0]?.max ?? 0);
    const first = (await maxId()) + 1;
    await insertRows(db, table, columns, rows);
    if ((await maxId()) !== first + rows.length - 1) throw new Error(`generate: ${table} ids are not consecutive; is something else writing to this database?`);
    return first;
  }

  /**
   * Each plan row (code, creator, count, first day, days, typical order value) becomes `count`
   * redemptions inside SQLite: one order with its id, every twentieth row a day's total.
   * Days lean towards the start (the minimum of two spreads), as sales follow a post.
   */
  async function expandRedemptions(plans: SqlValue[][], workspaceId: number, campaignId: number, memberId: number) {
    const PLANS_PER_STATEMENT = 400;
    await runInTransaction(db, async (tx) => {
      for (let start = 0; start < plans.length; start += PLANS_PER_STATEMENT) {
        const chunk = plans.slice(start, start + PLANS_PER_STATEMENT);
        await tx.$executeRawUnsafe(
          `WITH RECURSIVE
             plan("codeId", "creatorId", "n", "firstDay", "span", "base") AS (VALUES ${chunk.map(() => "(?, ?, ?, ?, ?, ?)").join(", ")}),
             seq("codeId", "creatorId", "i", "n", "firstDay", "span", "base") AS (
               -- Bound numbers arrive as floats; ids and counts are integers.
               SELECT CAST("codeId" AS INTEGER), CAST("creatorId" AS INTEGER), 0, CAST("n" AS INTEGER), "firstDay", CAST("span" AS INTEGER), CAST("base" AS INTEGER) FROM plan
               UNION ALL
               SELECT "codeId", "creatorId", "i" + 1, "n", "firstDay", "span", "base" FROM seq WHERE "i" + 1 < "n"
             ),
             rows AS (
               SELECT "codeId", "creatorId", "i",
                      date("firstDay", '+' || min(("i" * 7919 + "codeId" * 104729) % "span", ("i" * 15485863 + "codeId" * 31) % "span") || ' days') AS "day",
                      CASE WHEN "i" % 20 = 19 THEN 2 + "i" % 5 ELSE 1 END AS "orders",
                      "base" + ("i" * 2654435761 + "codeId") % 5000 - 2500 AS "price"
               FROM seq
             )
           INSERT INTO "Redemption" ("workspaceId", "campaignId", "creatorId", "codeId", "orderId", "orders", "revenue", "day", "createdById", "createdAt")
           SELECT ?, ?, "creatorId", "codeId", CASE WHEN "orders" = 1 THEN 'B' || "codeId" || '-' || "i" END, "orders", "orders" * "price", "day", ?,
                  strftime('%Y-%m-%dT%H:%M:%fZ', "day", '+18 hours')
           FROM rows`,
          ...chunk.flat(),
          workspaceId,
          campaignId,
          memberId,
        );
      }
    });
  }
}

/** Splits `total` in proportion to `weights`, in whole numbers that add up exactly (largest remainder). */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, w) => a + w, 0);
  if (sum === 0) return weights.map(() => 0);
  const exact = weights.map((w) => (w / sum) * total);
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((a, c) => a + c, 0);
  const byRemainder = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of byRemainder) {
    if (left-- <= 0) break;
    counts[i]!++;
  }
  return counts;
}
