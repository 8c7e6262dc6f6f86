// Who is asking: a member row per person and workspace, made on first use (the first one an
// admin), kept up to date with the name the platform gives and promoted when the platform
// says the person administers the workspace.

import { afterAll, beforeAll, expect, test } from "vitest";
import { expectOk, startTestBot, type TestBot } from "../helpers/core.ts";

let bot: TestBot;

beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(() => bot?.close());

const memberRow = (externalId: string) => bot.db.member.findFirst({ where: { externalId }, select: { displayName: true, role: true } });

test("a new person is a member; a platform admin is promoted and their new name kept; admin-only commands follow", async () => {
  expectOk(await bot.run("/creator add @kate tiktok 48k", { userId: "bob", userName: "bob" }));
  expect(await memberRow("bob")).toEqual({ displayName: "bob", role: "member" });

  const refused = await bot.text("/creator remove @kate", { userId: "bob", userName: "bob" });
  expect(refused).toContain("Only admins can use /creator remove");
  expect(await bot.db.creator.count()).toBe(1);

  // The platform now says bob administers the workspace, and he goes by another name.
  expectOk(await bot.run("/creator remove @kate", { userId: "bob", userName: "Bob Baker", platformAdmin: true }));
  expect(await memberRow("bob")).toEqual({ displayName: "Bob Baker", role: "admin" });
  expect(await bot.db.creator.count()).toBe(0);

  // An admin stays one when a later request carries no platform flag.
  expectOk(await bot.run("/creator add @zoe tiktok 2k", { userId: "bob", userName: "Bob Baker" }));
  expectOk(await bot.run("/creator remove @zoe", { userId: "bob", userName: "Bob Baker" }));
  expect(await bot.db.member.count({ where: { externalId: "bob" } })).toBe(1);
});

test("the first commands of a new workspace, sent at once by two people, both run; one workspace, one admin", async () => {
  // On PostgreSQL they run at the same moment and race to create the workspace's row.
  for (const team of ["T-RACE-1", "T-RACE-2", "T-RACE-3"]) {
    const replies = await Promise.all([
      bot.text(`/creator add @kate-${team} tiktok 48k`, { workspaceId: team, userId: "u1", userName: "u1" }),
      bot.text(`/creator add @zoe-${team} tiktok 2k`, { workspaceId: team, userId: "u2", userName: "u2" }),
    ]);
    expect(replies[0]).toContain(`Registered @kate-${team}`);
    expect(replies[1]).toContain(`Registered @zoe-${team}`);
    const workspaces = await bot.db.workspace.findMany({ where: { externalId: team }, include: { members: true } });
    expect(workspaces).toHaveLength(1);
    expect(workspaces[0]!.members.map((m) => m.role).sort()).toEqual(["admin", "member"]);
  }
});
