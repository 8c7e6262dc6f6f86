// The dispatcher's own reads and writes in raw SQL (src/db/caller-rows.ts) give exactly what
// Prisma's model queries gave: the same workspace, member and linked creator objects (numbers,
// booleans, Dates, nulls), and an activity record Prisma reads back as it wrote its own.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findWorkspaceAndMember, recordActivity } from "../../src/db/caller-rows.ts";
import { expectOk, startTestBot, testProvider, type TestBot } from "../helpers/core.ts";

const LINKED = { creatorLink: { select: { creator: { select: { id: true, handle: true } } } } } as const;

describe(`the caller's rows on ${testProvider}`, () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(() => bot.close());

  /** What the dispatcher read through Prisma before: the workspace with the caller's member and its link. */
  async function throughPrisma(platform: string, externalId: string, userId: string) {
    const found = await bot.db.workspace.findUnique({
      where: { platform_externalId: { platform, externalId } },
      include: { members: { where: { externalId: userId }, include: LINKED } },
    });
    if (!found) return null;
    const { members, ...workspace } = found;
    return { workspace, member: members[0] ?? null };
  }

  it("a workspace with settings changed, a linked admin, a plain member and someone new read as Prisma reads them", async () => {
    const ws = await bot.workspace([
      "/creator add kate tiktok 12k",
      "/settings tz:Europe/Berlin leaderboard-money:hidden",
    ]);
    expectOk(await ws.run("/creator link kate alice"));
    expectOk(await ws.run("/help", { userId: "bob", userName: "bob" }));
    const platform = "local";
    const { externalId } = await bot.db.workspace.findUniqueOrThrow({ where: { id: ws.id } });
    for (const userId of ["alice", "bob", "nobody"]) {
      const raw = await findWorkspaceAndMember(bot.db, platform, externalId, userId);
      expect(raw).toEqual(await throughPrisma(platform, externalId, userId));
      expect(raw!.workspace.createdAt).toBeInstanceOf(Date);
      expect(typeof raw!.workspace.leaderboardMoneyHidden).toBe("boolean");
    }
    const alice = await findWorkspaceAndMember(bot.db, platform, externalId, "alice");
    expect(alice!.workspace.leaderboardMoneyHidden).toBe(true);
    expect(alice!.member!.creatorLink!.creator.handle).toBe("kate");
    expect(alice!.member!.adminGranted).toBe(false);
    expect(alice!.member!.updatedAt).toBeInstanceOf(Date);
    expect(await findWorkspaceAndMember(bot.db, platform, externalId, "nobody")).toMatchObject({ member: null });
  });

  it("another workspace's member of the same id is not the caller's, and an unknown workspace is null", async () => {
    const a = await bot.workspace();
    const b = await bot.workspace();
    const { externalId } = await bot.db.workspace.findUniqueOrThrow({ where: { id: b.id } });
    const found = await findWorkspaceAndMember(bot.db, "local", externalId, "alice");
    expect(found!.workspace.id).toBe(b.id);
    expect(found!.member!.workspaceId).toBe(b.id);
    expect(found!.member!.workspaceId).not.toBe(a.id);
    expect(await findWorkspaceAndMember(bot.db, "local", "no-such-workspace", "alice")).toBeNull();
    expect(await findWorkspaceAndMember(bot.db, "slack", externalId, "alice")).toBeNull();
  });

  it("an activity record reads back as one Prisma wrote, in a transaction, newest last", async () => {
    const ws = await bot.workspace();
    const member = await bot.db.member.findFirstOrThrow({ where: { workspaceId: ws.id } });
    const before = new Date();
    await bot.db.activity.create({ data: { workspaceId: ws.id, memberId: member.id, command: "/x", summary: "by Prisma", campaignId: null } });
    await bot.db.$transaction((tx) => recordActivity(tx, { workspaceId: ws.id, memberId: member.id, command: "/y", summary: "by raw SQL", campaignId: null }));
    const rows = await bot.db.activity.findMany({ where: { workspaceId: ws.id, command: { in: ["/x", "/y"] } }, orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.command, r.summary, r.memberId, r.campaignId])).toEqual([
      ["/x", "by Prisma", member.id, null],
      ["/y", "by raw SQL", member.id, null],
    ]);
    expect(rows[1]!.createdAt.getTime()).toBeGreaterThanOrEqual(rows[0]!.createdAt.getTime());
    expect(rows[1]!.createdAt.getTime()).toBeGreaterThanOrEqual(before.getTime());
    expect(rows[1]!.createdAt.getTime()).toBeLessThanOrEqual(Date.now());
    // Newest first by createdAt, as /activity reads them, is the order they were written in.
    const newest = await bot.db.activity.findFirstOrThrow({ where: { workspaceId: ws.id, command: { in: ["/x", "/y"] } }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
    expect(newest.command).toBe("/y");
  });
});
