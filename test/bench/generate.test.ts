// The benchmark's data generator at a tiny size: what it stored is what the commands would have
// stored, and the real report adds it up to the generator's own totals. Always on an SQLite
// file (the generator writes SQLite's dialect).

import { rmSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCore, type Core } from "../../src/create-core.ts";
import { apportion, generateCampaign, type GeneratedCampaign } from "../../bench/generate.ts";
import { postKey } from "../../src/domain/post-urls.ts";
import { silentLogger } from "../../src/log.ts";
import { tempDir } from "../helpers/core.ts";

const dir = tempDir("campaign-bot-generate-");
const SIZE = { creators: 12, posts: 60, redemptions: 500, lastDay: "2026-11-20", days: 30 };
let core: Core;
let generated: GeneratedCampaign;

beforeAll(async () => {
  core = await createCore({ databaseUrl: `file:${path.join(dir, "tiny.db")}`, log: silentLogger(), now: () => new Date("2026-11-21T12:00:00Z") });
  generated = await generateCampaign(core, SIZE);
});
afterAll(async () => {
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("the data generator", () => {
  it("stores the asked numbers of creators, accounts, enrolments, codes, posts, snapshots and redemptions in one campaign", async () => {
    const where = { campaignId: generated.campaignId };
    expect(await core.db.enrolment.count({ where })).toBe(12);
    expect(await core.db.code.count({ where })).toBe(12);
    expect(await core.db.creator.count({ where: { workspaceId: generated.workspaceId } })).toBe(12);
    expect(await core.db.account.count({ where: { workspaceId: generated.workspaceId } })).toBe(generated.counts.accounts);
    expect(await core.db.post.count({ where })).toBe(60);
    expect(await core.db.metricSnapshot.count({ where: { post: where } })).toBe(120);
    expect(await core.db.redemption.count({ where })).toBe(500);
    expect(generated.counts).toMatchObject({ creators: 12, posts: 60, snapshots: 120, redemptions: 500 });
  });

  it("made the workspace and campaign through /campaign new, with its first member as admin", async () => {
    const campaign = await core.db.campaign.findUniqueOrThrow({ where: { id: generated.campaignId } });
    expect(campaign).toMatchObject({ name: "Bench Launch", slug: "bench-launch", startDate: "2026-10-22", currency: "USD" });
    const member = await core.db.member.findFirstOrThrow({ where: { workspaceId: generated.workspaceId } });
    expect(member).toMatchObject({ externalId: "UBENCH", role: "admin" });
    expect(await core.db.activity.count({ where: { workspaceId: generated.workspaceId, command: "/campaign new" } })).toBe(1);
  });

  it("writes posts as /post log would: normalised URL keys, platform of the URL, days in range, latest snapshot equal to the post", async () => {
    const posts = await core.db.post.findMany({ where: { campaignId: generated.campaignId }, include: { snapshots: { orderBy: { takenAt: "asc" } }, account: true } });
    for (const post of posts) {
      expect(post.urlKey).toBe(postKey(post.url));
      expect(post.platform).toBe(post.account.platform);
      expect(post.postedDay >= generated.firstDay && post.postedDay <= generated.lastDay).toBe(true);
      const latest = post.snapshots.at(-1)!;
      expect([latest.views, latest.likes, latest.comments, latest.shares, latest.saves, latest.clicks]).toEqual([post.views, post.likes, post.comments, post.shares, post.saves, post.clicks]);
      expect(post.snapshots[0]!.views).toBeLessThanOrEqual(post.views);
    }
  });

  it("writes orders with ids unique per code (every twentieth row a day's total), on days of the campaign", async () => {
    const rows = await core.db.redemption.findMany({ where: { campaignId: generated.campaignId } });
    const withId = rows.filter((r) => r.orderId !== null);
    expect(new Set(withId.map((r) => `${r.codeId}:${r.orderId}`)).size).toBe(withId.length);
    expect(withId.every((r) => r.orders === 1)).toBe(true);
    expect(rows.filter((r) => r.orderId === null).every((r) => r.orders >= 2)).toBe(true);
    expect(rows.every((r) => r.day >= generated.firstDay && r.day <= generated.lastDay && r.revenue > 0)).toBe(true);
    const codes = await core.db.code.findMany({ where: { campaignId: generated.campaignId } });
    expect(rows.every((r) => codes.find((c) => c.id === r.codeId)?.creatorId === r.creatorId)).toBe(true);
  });

  it("adds up, through the real /report CSV, to the generator's own totals", async () => {
    const reply = await core.dispatcher.runLine(generated.caller, `/report "${generated.campaignName}" format:csv`);
    const rows = parse(String(reply.files[0]!.data), { columns: true }) as Record<string, string>[];
    const total = rows.find((r) => r.handle === "TOTAL")!;
    expect(Number(total.posts)).toBe(60);
    expect(Number(total.orders)).toBe(generated.counts.orders);
    expect(Math.round(Number(total.revenue) * 100)).toBe(generated.counts.revenue);
  });

  it("gives the same data for the same seed", async () => {
    const other = await createCore({ databaseUrl: `file:${path.join(dir, "again.db")}`, log: silentLogger() });
    try {
      const again = await generateCampaign(other, SIZE);
      expect(again.counts).toEqual(generated.counts);
    } finally {
      await other.close();
    }
  });

  it("apportions a total in whole numbers that add up exactly", () => {
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(apportion(7, [0, 2, 5])).toEqual([0, 2, 5]);
    expect(apportion(5, [0, 0])).toEqual([0, 0]);
  });
});
