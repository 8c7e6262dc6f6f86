// A signed command that does not say who sent it, or from which workspace, is refused: without
// a user_id Prisma would read the missing filter as "any member" and run it as the workspace's
// first member (an admin); an empty team_id would make a workspace of nobody's.

import { afterAll, beforeAll, expect, test } from "vitest";
import { commandPayload, messageText, postSigned, startSlackHarness, type SlackHarness } from "./slack-side.ts";

let h: SlackHarness;

beforeAll(async () => {
  h = await startSlackHarness();
});
afterAll(() => h?.close());

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

test("a command without user_id is refused, and does not run as the workspace's admin", async () => {
  const team = "T-WHO";
  // The first person becomes the workspace's admin.
  await h.send("/creator add @kate tiktok 48k", { team, user: "UADMIN" });
  const { user_id: _dropped, ...fields } = commandPayload("/creator remove @kate force:yes", { team }, "http://127.0.0.1:9/unused");
  const answer = await postSigned(h.adapter.eventsUrl!, form(fields));
  expect(answer.status).toBe(200);
  expect(answer.body!.response_type).toBe("ephemeral");
  expect(messageText(answer.body)).toMatch(/did not say who sent it/);
  const ws = await h.bot.db.workspace.findUnique({ where: { platform_externalId: { platform: "slack", externalId: team } } });
  expect(await h.bot.db.creator.count({ where: { workspaceId: ws!.id, handleKey: "kate" } })).toBe(1);
});

test("a command with an empty team_id is refused, and no workspace is made", async () => {
  const before = await h.bot.db.workspace.count();
  const fields = { ...commandPayload("/creator add @nobody tiktok 1k", { user: "U1" }, "http://127.0.0.1:9/unused"), team_id: "" };
  const answer = await postSigned(h.adapter.eventsUrl!, form(fields));
  expect(answer.status).toBe(200);
  expect(messageText(answer.body)).toMatch(/did not say who sent it/);
  expect(await h.bot.db.workspace.count()).toBe(before);
});
