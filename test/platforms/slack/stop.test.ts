// Stopping the adapter (what SIGTERM does): no new commands are accepted, the ones in flight
// finish and get their answers, then the connection closes. HTTP and Socket Mode.

import { expect, test } from "vitest";
import { messageText, postSigned, commandPayload, startSlackHarness } from "./slack-side.ts";

/** Holds users.info, so a command stays in flight until `release()`. */
function holdUsersInfo(fake: { usersInfoGate: Promise<void> | null }) {
  let release!: () => void;
  fake.usersInfoGate = new Promise((resolve) => (release = resolve));
  return () => {
    fake.usersInfoGate = null;
    release();
  };
}

test("HTTP: stop refuses new connections, finishes the command in flight, then resolves", async () => {
  const h = await startSlackHarness();
  try {
    const release = holdUsersInfo(h.fake);
    const inFlight = h.send("/creator add @kate tiktok 48k", { team: "T1", user: "U1" });
    await h.fake.waitFor(() => h.fake.callsOf("users.info").length > 0, "users.info");

    let stopped = false;
    const stopping = h.adapter.stop().then(() => (stopped = true));
    const body = new URLSearchParams(commandPayload("/creator add @zoe tiktok 1k", { team: "T1", user: "U2" }, h.fake.responseUrl("late"))).toString();
    await expect(postSigned(h.adapter.eventsUrl!, body)).rejects.toThrow();
    expect(stopped).toBe(false);

    release();
    const sent = await inFlight;
    await stopping;
    expect(messageText(sent.ack) + messageText(sent.responses()[0])).toContain("Registered @kate");
    const names = (await h.bot.db.creator.findMany()).map((c) => c.handle);
    expect(names).toEqual(["kate"]);
  } finally {
    await h.close();
  }
});

test("HTTP: a command acknowledged while another ran is answered through its response URL before stop resolves", async () => {
  const h = await startSlackHarness();
  try {
    const release = holdUsersInfo(h.fake);
    const first = h.send("/creator add @kate tiktok 48k", { team: "T1", user: "U1" });
    await h.fake.waitFor(() => h.fake.callsOf("users.info").length > 0, "users.info");
    // The bot is busy with the first: the second is acknowledged at once and waits its turn.
    const second = await h.send("/creator add @zoe tiktok 1k", { team: "T1", user: "U2" });
    expect(messageText(second.ack)).toBe("Working on it…");

    const stopping = h.adapter.stop();
    release();
    await stopping;
    // Stopping waited for the waiting command too: its reply had reached Slack, its row was written.
    expect(messageText(second.responses()[0])).toContain("Registered @zoe");
    const firstSent = await first;
    expect(messageText(firstSent.ack) + messageText(firstSent.responses()[0])).toContain("Registered @kate");
    expect((await h.bot.db.creator.findMany({ orderBy: { handleKey: "asc" } })).map((c) => c.handle)).toEqual(["kate", "zoe"]);
  } finally {
    await h.close();
  }
});

test("Socket Mode: commands arriving while stopping are turned away politely; the one in flight is answered before the socket closes", async () => {
  const h = await startSlackHarness({ socketMode: true });
  try {
    const release = holdUsersInfo(h.fake);
    const inFlight = h.send("/creator add @kate tiktok 48k", { team: "T1", user: "U1" });
    await h.fake.waitFor(() => h.fake.callsOf("users.info").length > 0, "users.info");

    const stopping = h.adapter.stop();
    const refused = await h.send("/creator add @zoe tiktok 1k", { team: "T1", user: "U2" });
    expect(refused.ack!.response_type).toBe("ephemeral");
    expect(messageText(refused.ack)).toContain("The bot is restarting");
    expect(h.fake.socketConnected).toBe(true);

    release();
    const sent = await inFlight;
    await stopping;
    expect(messageText(sent.ack) + messageText(sent.responses()[0])).toContain("Registered @kate");
    await h.fake.waitFor(() => !h.fake.socketConnected, "the socket to close");
    expect((await h.bot.db.creator.findMany()).map((c) => c.handle)).toEqual(["kate"]);
  } finally {
    await h.close();
  }
});
