// The same flows through Socket Mode: the fake Slack hands out a ws:// URL from
// apps.connections.open, says hello, sends slash command envelopes, and reads the bot's
// acknowledgements from the socket.

import { afterAll, beforeAll, expect, test } from "vitest";
import { commands } from "../../../commands/index.ts";
import { opt } from "../../../src/core/options.ts";
import { reply } from "../../../src/core/reply.ts";
import { action, defineCommand } from "../../../src/core/spec.ts";
import { APP_TOKEN, messageText, startSlackHarness, type SlackHarness } from "./slack-side.ts";

/** A command whose spec says it is slow, like /report: acknowledged first, answered later. */
const slowpoke = defineCommand({
  name: "slowpoke",
  description: "A slow command for tests",
  actions: [
    action({
      name: "",
      description: "Answers through the response URL",
      role: "member",
      mutates: false,
      slow: true,
      options: { word: opt.text("A word").require().atPosition() },
      async run(_ctx, input) {
        return reply("Slow result", "channel").text(`You said ${input.word}.`).build();
      },
    }),
  ],
});

let h: SlackHarness;

beforeAll(async () => {
  h = await startSlackHarness({ socketMode: true, users: { UADMIN: { is_admin: true } }, commands: [...commands, slowpoke] });
});
afterAll(() => h?.close());

test("the bot connects with the app-level token and Socket Mode has no HTTP listener", () => {
  expect(h.adapter.mode).toBe("socket");
  expect(h.adapter.eventsUrl).toBeNull();
  expect(h.fake.callsOf("apps.connections.open")[0]!.authorization).toBe(`Bearer ${APP_TOKEN}`);
  expect(h.fake.socketConnected).toBe(true);
});

test("a quick command is acknowledged over the socket with its reply, and stored", async () => {
  const sent = await h.send("/creator add @kate tiktok 48k", { team: "T1", user: "UADMIN" });
  expect(sent.ack!.response_type).toBe("in_channel");
  expect(messageText(sent.ack)).toContain("Registered @kate: micro");
  const ws = await h.bot.db.workspace.findUnique({ where: { platform_externalId: { platform: "slack", externalId: "T1" } } });
  expect(await h.bot.db.creator.count({ where: { workspaceId: ws!.id } })).toBe(1);
});

test("a mistake is ephemeral and names the option", async () => {
  const sent = await h.send("/creator add @bad tiktok lots", { team: "T1", user: "UADMIN" });
  expect(sent.ack!.response_type).toBe("ephemeral");
  expect(messageText(sent.ack)).toContain('Invalid followers: "lots" is not a number.');
});

test("a member who is not a Slack admin is refused admin commands", async () => {
  const sent = await h.send("/creator remove @kate", { team: "T1", user: "UMEMBER" });
  expect(messageText(sent.ack)).toContain("Only admins can use /creator remove.");
});

test("a slow command is acknowledged at once over the socket and answered through the response URL", async () => {
  const sent = await h.send("/slowpoke hello", { team: "T1", user: "UADMIN" });
  expect(sent.ack!.response_type).toBe("ephemeral");
  expect(messageText(sent.ack)).toBe("Working on /slowpoke…");
  const [answer] = await sent.waitForResponses(1);
  expect(answer!.response_type).toBe("in_channel");
  expect(messageText(answer)).toContain("You said hello.");
});

test("a long reply is split between the socket ack and the response URL, complete", async () => {
  const team = "T-BIG";
  await h.send("/help", { team, user: "UBIG" });
  const ws = (await h.bot.db.workspace.findUnique({ where: { platform_externalId: { platform: "slack", externalId: team } } }))!;
  const handles = Array.from({ length: 200 }, (_, i) => `socket${String(i).padStart(3, "0")}`);
  for (const handle of handles) {
    await h.bot.db.creator.create({
      data: { workspaceId: ws.id, handle, handleKey: handle, niche: "x".repeat(80), accounts: { create: { workspaceId: ws.id, platform: "youtube", handle, followers: 5000 } } },
    });
  }
  const sent = await h.send("/creator list", { team, user: "UBIG" });
  const [first] = await sent.waitForResponses(1);
  const parts = Number(/part \d+ of (\d+)/.exec(first!.text!)![1]);
  const all = [sent.ack!, ...(await sent.waitForResponses(parts - 1))];
  const text = all.map((m) => messageText(m)).join("\n");
  for (const handle of handles) expect(text).toContain(`@${handle} `);
});
