// Handles stored before handles were normalised (a full-width ｓａｒａ, a zero-width space in
// le<U+200B>e) are brought to today's form when the bot starts, found again by what people type;
// one that becomes another creator's handle is kept beside it, never merged, and flagged.

import { afterAll, beforeAll, expect, it } from "vitest";
import { normaliseStoredHandles } from "../../src/db/stored-handles.ts";
import { testProvider } from "../helpers/database.ts";
import { expectOk, startTestBot, type TestBot } from "../helpers/core.ts";

let bot: TestBot;
let restarted: TestBot | null = null;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(async () => {
  await restarted?.close();
  await bot.close();
});

it("a start normalises stored handles and keys, and keeps two creators that become one apart, flagged", async () => {
  const ws = await bot.workspace(["/creator add kate tiktok 48k"]);
  // As an earlier version stored them: the handle as typed, its key in lower case.
  const stored = (handle: string) => bot.db.creator.create({ data: { workspaceId: ws.id, handle, handleKey: handle.toLowerCase() } });
  const kate2 = await stored("ｋａｔｅ");
  const sara = await stored("ｓａｒａ");
  await bot.db.account.create({ data: { workspaceId: ws.id, creatorId: sara.id, platform: "instagram", handle: "ｓａｒａ.fit", followers: 12_000 } });
  await stored("le\u200Be");
  expect(await ws.text("/creator show sara")).toContain("No creator @sara in this workspace.");

  // The bot starts again on the same database.
  restarted = await startTestBot({ url: bot.url });

  const creators = await bot.db.creator.findMany({ where: { workspaceId: ws.id }, orderBy: { id: "asc" } });
  expect(creators.map((c) => [c.handle, c.handleKey])).toEqual([
    ["kate", "kate"],
    ["ｋａｔｅ", `kate-${kate2.id}`],
    ["sara", "sara"],
    ["lee", "lee"],
  ]);
  expect((await bot.db.account.findFirstOrThrow({ where: { creatorId: sara.id } })).handle).toBe("sara.fit");
  const show = await ws.text("/creator show ｓａｒａ");
  expect(show).toContain("@sara: micro");
  expect(show).toContain("@sara.fit");
  expect(expectOk(await ws.run("/creator show lee")).title).toMatch(/^@lee: /);
  expect(await ws.text("/creator show kate")).toContain("TikTok");

  const list = expectOk(await ws.run("/creator list"));
  expect(list.notes).toEqual([
    `@ｋａｔｅ was registered before handles were normalised and is the same handle as @kate: both are kept, and it answers to @kate-${kate2.id}. ` +
      `If they are one creator, move what it has to @kate and remove it (/creator remove kate-${kate2.id}).`,
  ]);

  // Another start finds nothing more to change, and still reports the pair.
  const again = await normaliseStoredHandles(bot.db, testProvider);
  expect([again.creators, again.accounts, again.collisions.map((c) => [c.handle, c.sameAs, c.answersTo])]).toEqual([0, 0, [["ｋａｔｅ", "kate", `kate-${kate2.id}`]]]);

  expectOk(await ws.run(`/creator remove kate-${kate2.id}`));
  expect((await ws.run("/creator list")).notes).toEqual([]);
  expect(await bot.db.creator.count({ where: { workspaceId: ws.id } })).toBe(3);
});
