// The Slack adapter in HTTP mode, end to end: the real Bolt app receives slash commands signed
// exactly as Slack signs them, and its answers are read where Slack would see them (the HTTP
// acknowledgement, the response URL, the Web API calls of the fake Slack).

import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { messageText, postSigned, commandPayload, slackSignature, SIGNING_SECRET, startSlackHarness, type SlackHarness } from "./slack-side.ts";
import { LIMITS } from "../../../src/platforms/slack/blocks.ts";

let h: SlackHarness;

beforeAll(async () => {
  h = await startSlackHarness({ users: { UADMIN: { is_admin: true, profile: { display_name: "sam" } }, UOWNER: { is_owner: true }, UPRIMARY: { is_primary_owner: true } } });
});
afterAll(() => h?.close());

const workspace = (team: string) => h.bot.db.workspace.findUnique({ where: { platform_externalId: { platform: "slack", externalId: team } } });
const creatorIn = async (team: string, handleKey: string) => {
  const ws = await workspace(team);
  return ws ? h.bot.db.creator.findUnique({ where: { workspaceId_handleKey: { workspaceId: ws.id, handleKey } } }) : null;
};

describe("Slack over HTTP", () => {
  test("/creator: a quick command is answered in the acknowledgement, in the channel, as Block Kit", async () => {
    const sent = await h.send('/creator add @kate tiktok 48k niche:"kettlebell training"', { team: "T1", user: "UADMIN", userName: "sam" });
    expect(sent.status).toBe(200);
    expect(sent.ack!.response_type).toBe("in_channel");
    expect(sent.ack!.blocks![0]).toEqual({ type: "header", text: { type: "plain_text", text: "Registered @kate: micro" } });
    expect(messageText(sent.ack)).toContain("48,000 followers on TikTok, so @kate is a micro creator.");
    expect(sent.ack!.text).toContain("Registered @kate: micro");
    expect(sent.responses()).toEqual([]);

    const kate = await creatorIn("T1", "kate");
    expect(kate?.niche).toBe("kettlebell training");
    const ws = await workspace("T1");
    expect(ws?.name).toBe("t1");
    const member = await h.bot.db.member.findFirst({ where: { workspaceId: ws!.id, externalId: "UADMIN" } });
    // The name is Slack's (users.info), not the payload's user_name.
    expect(member).toMatchObject({ displayName: "sam", role: "admin" });
    const info = h.fake.callsOf("users.info").find((c) => c.params.user === "UADMIN");
    expect(info?.authorization).toBe("Bearer xoxb-test-bot-token");

    const show = await h.send("/creator show kate", { team: "T1", user: "UADMIN" });
    expect(messageText(show.ack)).toContain("@kate");
    const list = await h.send("/creator list", { team: "T1", user: "UADMIN" });
    expect(messageText(list.ack)).toMatch(/```[\s\S]*@kate\s+micro\s+48,000/);
  });

  test("/campaign, /post and /code reach their replies", async () => {
    const who = { team: "T1", user: "UADMIN" };
    const created = await h.send('/campaign new "Spring Launch" brand:Kettlebell budget:$5,000 start:2026-12-01 end:2026-12-31', who);
    expect(messageText(created.ack)).toContain("Spring Launch");
    const enrolled = await h.send('/campaign enroll "spring launch" @kate fee:$300 due:2026-12-10', who);
    expect(messageText(enrolled.ack)).toContain("Enrolled @kate");
    const logged = await h.send('/post log https://www.tiktok.com/@kate/video/123 kate "Spring Launch" views:12k likes:900 disclosed:yes', who);
    expect(logged.ack!.blocks!.length).toBeGreaterThan(0);
    expect(messageText(logged.ack)).not.toMatch(/:warning:/);
    const code = await h.send('/code add @kate "Spring Launch" discount:15%', who);
    expect(messageText(code.ack)).toContain("KATE15");
    const shown = await h.send('/campaign show "Spring Launch"', who);
    expect(messageText(shown.ack)).toContain("Budget");
    expect(await h.bot.db.post.count()).toBe(1);
  });

  test("what Slack escapes in the command text (& < >) is read as typed", async () => {
    const who = { team: "T-AMP", user: "UADMIN" };
    const added = await h.send('/creator add @amp tiktok 1k niche:"fish & chips <3"', who);
    expect(messageText(added.ack)).toContain("fish &amp; chips &lt;3");
    expect((await creatorIn("T-AMP", "amp"))?.niche).toBe("fish & chips <3");
  });

  test("/help and /creator help answer only the caller", async () => {
    const help = await h.send("/help", { team: "T1", user: "UADMIN" });
    expect(help.ack!.response_type).toBe("ephemeral");
    expect(messageText(help.ack)).toContain("/creator");
    const creatorHelp = await h.send("/creator help", { team: "T1", user: "UADMIN" });
    expect(messageText(creatorHelp.ack)).toContain("/creator add &lt;handle&gt; &lt;platform&gt; &lt;followers&gt;");
  });

  test("a mistake is ephemeral, names the option, shows the usage, and stores nothing", async () => {
    const sent = await h.send("/creator add @bad tiktok lots", { team: "T1", user: "UADMIN" });
    expect(sent.ack!.response_type).toBe("ephemeral");
    const text = messageText(sent.ack);
    expect(text).toContain(':warning: Invalid followers: "lots" is not a number.');
    expect(text).toContain("Usage: /creator add");
    expect(await creatorIn("T1", "bad")).toBeNull();
  });

  test("a member who is not a Slack admin is refused admin commands; Slack admins and owners are not", async () => {
    const team = "T-ADMIN";
    await h.send("/creator add @kate tiktok 48k", { team, user: "UADMIN" }); // first member: admin anyway
    const removal = await h.send("/creator remove @kate", { team, user: "UMEMBER" });
    expect(removal.ack!.response_type).toBe("ephemeral");
    expect(messageText(removal.ack)).toContain("Only admins can use /creator remove.");
    expect(await creatorIn(team, "kate")).not.toBeNull();

    const settings = await h.send("/settings tz:Europe/Berlin", { team, user: "UMEMBER" });
    expect(messageText(settings.ack)).toContain("Only admins can use /settings.");
    expect((await workspace(team))?.timeZone).toBe("UTC");

    // Workspace owners are admins through users.info, though they were not first.
    const owner = await h.send("/settings tz:Europe/Berlin", { team, user: "UOWNER" });
    expect(messageText(owner.ack)).toContain("Settings updated");
    expect((await workspace(team))?.timeZone).toBe("Europe/Berlin");
    const primary = await h.send("/creator remove @kate", { team, user: "UPRIMARY" });
    expect(messageText(primary.ack)).not.toContain("Only admins");
    expect(await creatorIn(team, "kate")).toBeNull();
  });

  test("two teams never see each other's data", async () => {
    await h.send("/creator add @zoe instagram 9k", { team: "T-A", user: "UA" });
    const listB = await h.send("/creator list", { team: "T-B", user: "UB" });
    expect(messageText(listB.ack)).not.toContain("@zoe");
    const showB = await h.send("/creator show @zoe", { team: "T-B", user: "UB" });
    expect(showB.ack!.response_type).toBe("ephemeral");
    expect(messageText(showB.ack)).toContain(":warning:");
    const removeB = await h.send("/creator remove @zoe force:yes", { team: "T-B", user: "UB" });
    expect(messageText(removeB.ack)).toContain(":warning:");
    expect(await creatorIn("T-A", "zoe")).not.toBeNull();
    expect(await creatorIn("T-B", "zoe")).toBeNull();
  });

  test("a forged signature, a stale timestamp and missing headers are refused, and nothing is stored", async () => {
    const infoCalls = h.fake.callsOf("users.info").length;
    const body = new URLSearchParams(commandPayload("/creator add @forged tiktok 1k", { team: "T-FORGE", user: "UEVIL" }, h.fake.responseUrl("forged"))).toString();
    const url = h.adapter.eventsUrl!;
    const now = Math.floor(Date.now() / 1000);
    const attempts = [
      await postSigned(url, body, { secret: "not-the-signing-secret" }),
      await postSigned(url, body, { signature: slackSignature(SIGNING_SECRET, String(now), `${body}&text=x`), timestamp: String(now) }),
      await postSigned(url, body, { timestamp: String(now - 6 * 60) }),
      await postSigned(url, body, { omit: ["signature"] }),
      await postSigned(url, body, { omit: ["timestamp"] }),
      await postSigned(url, body, { omit: ["signature", "timestamp"] }),
    ];
    expect(attempts.map((a) => a.status)).toEqual([401, 401, 401, 401, 401, 401]);
    expect(attempts.every((a) => a.body === null)).toBe(true);
    expect(await workspace("T-FORGE")).toBeNull();
    expect(h.fake.callsOf("users.info").length).toBe(infoCalls);
    expect(h.fake.responsesTo("forged")).toEqual([]);
    // The same request signed properly goes through.
    const good = await postSigned(url, body);
    expect(good.status).toBe(200);
    expect(await creatorIn("T-FORGE", "forged")).not.toBeNull();
  });

  test("quick work that runs late is acknowledged first, then answered through the response URL", async () => {
    let release!: () => void;
    h.fake.usersInfoGate = new Promise((resolve) => (release = resolve));
    try {
      const sent = await h.send("/creator add @late youtube 2k", { team: "T-LATE", user: "USLOW" });
      // Slack needs the acknowledgement within 3 s: it came before users.info answered.
      expect(sent.ack!.response_type).toBe("ephemeral");
      expect(messageText(sent.ack)).toBe("Working on it…");
      release();
      const [reply] = await sent.waitForResponses(1);
      expect(reply!.response_type).toBe("in_channel");
      expect(messageText(reply)).toContain("Registered @late");
    } finally {
      release();
      h.fake.usersInfoGate = null;
    }
    expect(await creatorIn("T-LATE", "late")).not.toBeNull();
  });

  test("a reply longer than Block Kit allows is split across the ack and the response URL, complete and in order", async () => {
    const team = "T-BIG";
    await h.send("/help", { team, user: "UBIG" });
    const ws = (await workspace(team))!;
    const handles = Array.from({ length: 260 }, (_, i) => `creator${String(i).padStart(3, "0")}`);
    for (const handle of handles) {
      await h.bot.db.creator.create({
        data: {
          workspaceId: ws.id,
          handle,
          handleKey: handle,
          niche: "kettlebell training, mobility and strength for busy parents",
          accounts: { create: { workspaceId: ws.id, platform: "tiktok", handle, followers: 12_000 } },
        },
      });
    }
    const sent = await h.send("/creator list", { team, user: "UBIG" });
    const posts = await sent.waitForResponses(1);
    const messages = [sent.ack!, ...posts];
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) {
      expect(m.blocks!.length).toBeLessThanOrEqual(LIMITS.blocksPerMessage);
      for (const b of m.blocks!) if (b.text) expect(b.text.text.length).toBeLessThanOrEqual(LIMITS.sectionText);
      expect(m.text!.length).toBeGreaterThan(0);
    }
    // Wait for every part (the ack's fallback does not say how many; the last part does).
    const parts = Number(/part \d+ of (\d+)/.exec(posts[0]!.text!)![1]);
    const all = [sent.ack!, ...(await sent.waitForResponses(parts - 1))];
    const text = all.map((m) => messageText(m)).join("\n");
    let last = -1;
    for (const handle of handles) {
      const at = text.indexOf(`@${handle} `);
      expect(at).toBeGreaterThan(last);
      last = at;
    }
  });

  test("a command this version does not know gets a helpful ephemeral answer", async () => {
    const sent = await h.send("/nonsense now", { team: "T1", user: "UADMIN" });
    expect(sent.ack!.response_type).toBe("ephemeral");
    expect(messageText(sent.ack)).toContain("This bot does not know /nonsense. Type /help");
  });
});
