// Whatever the door, a command that does not say who sends it, or from which workspace, runs as
// nobody: a missing id would read as "any" in the member look-up (the first member, an admin).

import { afterAll, beforeAll, expect, test } from "vitest";
import { startTestBot, type TestBot } from "../helpers/core.ts";

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(() => bot?.close());

test("a caller without a user id or a workspace id is refused and nothing is stored", async () => {
  const before = await bot.db.workspace.count();
  for (const caller of [
    { platform: "slack", workspaceId: "T-NOBODY", userId: "", userName: "" },
    { platform: "discord", workspaceId: "", userId: "U1", userName: "u1" },
  ]) {
    const reply = await bot.core.dispatcher.runLine(caller, "/creator add @ghost tiktok 1k");
    expect(reply.status).toBe("error");
    expect(reply.blocks.map((b) => ("text" in b ? b.text : "")).join(" ") + (reply.title ?? "")).toMatch(/did not say who sent it/);
  }
  expect(await bot.db.workspace.count()).toBe(before);
  expect(await bot.db.creator.count({ where: { handleKey: "ghost" } })).toBe(0);
});
