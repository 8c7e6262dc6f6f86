// While other commands are being run, a new one is acknowledged at once with "Working on it…"
// (Slack waits 3 s, and a queue of commands ahead could take longer) and answered through its
// response URL; help and mistakes need no database and are still answered in the acknowledgement.

import { afterAll, beforeAll, expect, test } from "vitest";
import { messageText, startSlackHarness, type SlackHarness } from "./slack-side.ts";

let h: SlackHarness;

beforeAll(async () => {
  h = await startSlackHarness({ quickDeadlineMs: 300 });
});
afterAll(() => h?.close());

const creatorIn = async (team: string, handleKey: string) => {
  const ws = await h.bot.db.workspace.findUnique({ where: { platform_externalId: { platform: "slack", externalId: team } } });
  return ws ? h.bot.db.creator.findUnique({ where: { workspaceId_handleKey: { workspaceId: ws.id, handleKey } } }) : null;
};

test("a command sent while another runs is acknowledged at once and answered through the response URL", async () => {
  const team = "T-BUSY";
  // UFAST's role is known (users.info answered once and cached); the others' lookups are held.
  const warm = await h.send("/creator list", { team, user: "UFAST" });
  // In its acknowledgement, or (on a machine slower than the test's 300 ms deadline) at the response URL.
  const warmReply = messageText(warm.ack) === "Working on it…" ? (await warm.waitForResponses(1))[0] : warm.ack;
  expect(messageText(warmReply)).toContain("Creators (0)");
  let release!: () => void;
  h.fake.usersInfoGate = new Promise((resolve) => (release = resolve));
  try {
    const first = h.send("/creator add @first tiktok 3k", { team, user: "UHELD1" });
    await h.fake.waitFor(() => h.fake.callsOf("users.info").some((c) => c.params.user === "UHELD1"), "the first command's users.info");

    const second = await h.send("/creator add @second tiktok 5k", { team, user: "UFAST" });
    expect(second.status).toBe(200);
    expect(second.ack!.response_type).toBe("ephemeral");
    expect(messageText(second.ack)).toBe("Working on it…");
    const [reply] = await second.waitForResponses(1);
    expect(reply!.response_type).toBe("in_channel");
    expect(messageText(reply)).toContain("Registered @second");
    expect(await creatorIn(team, "second")).not.toBeNull();

    const mistake = await h.send("/creator add @bad tiktok lots", { team, user: "UFAST" });
    expect(mistake.ack!.response_type).toBe("ephemeral");
    expect(messageText(mistake.ack)).toMatch(/followers/i);
    expect(mistake.responses()).toEqual([]);

    // Its own users.info is held too: acknowledged the same way, its reply comes when released.
    const third = await h.send("/creator add @third youtube 2k", { team, user: "UHELD2" });
    expect(messageText(third.ack)).toBe("Working on it…");
    expect(third.responses()).toEqual([]);

    // The first ran late when the bot was free: "Working on it…" in its acknowledgement.
    expect(messageText((await first).ack)).toBe("Working on it…");
    release();
    const [firstReply] = await (await first).waitForResponses(1);
    expect(messageText(firstReply)).toContain("Registered @first");
    const [thirdReply] = await third.waitForResponses(1);
    expect(messageText(thirdReply)).toContain("Registered @third");
  } finally {
    release();
    h.fake.usersInfoGate = null;
  }
  expect(await creatorIn(team, "bad")).toBeNull();
  expect(await h.bot.db.creator.count({ where: { handleKey: { in: ["first", "second", "third"] } } })).toBe(3);
});
