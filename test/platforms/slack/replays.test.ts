// Each signed request runs once. The same request sent again within its five minutes (a replay)
// is answered 200 with nothing in it and runs nothing; so is Slack's own retry of a request
// (X-Slack-Retry-Num); a timestamp more than five minutes ahead is refused like an old one.

import { afterAll, beforeAll, expect, test } from "vitest";
import { commandPayload, messageText, postSigned, startSlackHarness, SIGNING_SECRET, type SlackHarness } from "./slack-side.ts";
import { signedHeaders } from "./slack-request.ts";

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness({ users: { UADMIN: { is_admin: true } } });
});
afterAll(() => h?.close());

const TEAM = "T-REPLAY";
const who = { team: TEAM, user: "UADMIN" };

async function workspaceId(team: string) {
  return (await h.bot.db.workspace.findUnique({ where: { platform_externalId: { platform: "slack", externalId: team } } }))?.id;
}

/** Posts exactly these bytes with exactly these headers, as a replaying attacker or Slack's retry would. */
async function postRaw(body: string, headers: Record<string, string>, url = h.adapter.eventsUrl!) {
  const res = await fetch(url, { method: "POST", headers, body });
  return { status: res.status, text: await res.text() };
}

beforeAll(async () => {
  await h.send('/campaign new "Spring Launch" brand:Kettlebell budget:$5,000 start:2026-12-01 end:2026-12-31', who);
  await h.send("/creator add @kate tiktok 48k", who);
  await h.send('/campaign enroll "Spring Launch" @kate fee:$300', who);
  const code = await h.send('/code add @kate "Spring Launch" discount:15%', who);
  expect(messageText(code.ack)).toContain("KATE15");
});

test("the same signed /code redeem sent twice runs once: its order is counted once", async () => {
  const body = new URLSearchParams(commandPayload("/code redeem KATE15 $50", who, h.fake.responseUrl("redeem"))).toString();
  const headers = signedHeaders(SIGNING_SECRET, body);
  const first = await postRaw(body, headers);
  expect(first.status).toBe(200);
  expect(first.text).not.toBe("");
  const replay = await postRaw(body, headers);
  expect(replay).toEqual({ status: 200, text: "" });
  const again = await postRaw(body, headers);
  expect(again).toEqual({ status: 200, text: "" });

  // Let anything answered later finish before counting.
  await new Promise((resolve) => setTimeout(resolve, 300));
  const ws = await workspaceId(TEAM);
  const redemptions = await h.bot.db.redemption.findMany({ where: { workspaceId: ws } });
  expect(redemptions.map((r) => [r.orders, r.revenue])).toEqual([[1, 5000]]);
  const list = await h.send("/code list", who);
  expect(messageText(list.ack)).toMatch(/KATE15[^\n]*\b1\b[^\n]*\$50/);
});

test("a replay sent to another replica on the same database runs nothing there either", async () => {
  const replica = await startSlackHarness({ databaseUrl: h.bot.url });
  try {
    const body = new URLSearchParams(commandPayload("/code redeem KATE15 $70", who, h.fake.responseUrl("replica"))).toString();
    const headers = signedHeaders(SIGNING_SECRET, body);
    expect((await postRaw(body, headers)).status).toBe(200);
    expect(await postRaw(body, headers, replica.adapter.eventsUrl!)).toEqual({ status: 200, text: "" });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await h.bot.db.redemption.count({ where: { workspaceId: await workspaceId(TEAM), revenue: 7000 } })).toBe(1);
  } finally {
    await replica.close();
  }
});

test("Slack's retry of a command (X-Slack-Retry-Num) is answered 200 and not run again", async () => {
  const body = new URLSearchParams(commandPayload("/code redeem KATE15 $20", who, h.fake.responseUrl("retry"))).toString();
  const first = await postRaw(body, signedHeaders(SIGNING_SECRET, body));
  expect(first.status).toBe(200);
  // Slack signs its retry anew, a second later.
  const later = String(Math.floor(Date.now() / 1000) + 1);
  const retry = await postRaw(body, { ...signedHeaders(SIGNING_SECRET, body, later), "X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout" });
  expect(retry).toEqual({ status: 200, text: "" });
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(h.fake.responsesTo("retry")).toEqual([]);
  const redemptions = await h.bot.db.redemption.findMany({ where: { workspaceId: await workspaceId(TEAM), revenue: 2000 } });
  expect(redemptions).toHaveLength(1);
});

test("a timestamp more than five minutes ahead (or in 2100) is refused 401, and nothing runs", async () => {
  const team = "T-FUTURE";
  const body = new URLSearchParams(commandPayload("/creator add @ahead tiktok 1k", { team, user: "U1" }, h.fake.responseUrl("future"))).toString();
  const now = Math.floor(Date.now() / 1000);
  const ahead = await postSigned(h.adapter.eventsUrl!, body, { timestamp: String(now + 6 * 60) });
  const year2100 = await postSigned(h.adapter.eventsUrl!, body, { timestamp: String(Date.UTC(2100, 0, 1) / 1000) });
  expect([ahead.status, year2100.status]).toEqual([401, 401]);
  expect(await workspaceId(team)).toBeUndefined();
  // A clock a little ahead of ours is Slack's and is served.
  const slightlyAhead = await postSigned(h.adapter.eventsUrl!, body, { timestamp: String(now + 60) });
  expect(slightlyAhead.status).toBe(200);
  expect(await workspaceId(team)).toBeDefined();
});

test("twenty commands at once are each acknowledged and stored once; their replays, to this process and to a busy replica, run nothing and leave nothing in the inbox", async () => {
  const cents = (i: number) => 10_000 + 100 * i + 7;
  const bodies = Array.from({ length: 20 }, (_, i) => new URLSearchParams(commandPayload(`/code redeem KATE15 $${(cents(i) / 100).toFixed(2)}`, who, h.fake.responseUrl(`burst-${i}`))).toString());
  const headers = bodies.map((body) => signedHeaders(SIGNING_SECRET, body));
  const firsts = await Promise.all(bodies.map((body, i) => postRaw(body, headers[i]!)));
  for (const answer of firsts) {
    expect(answer.status).toBe(200);
    expect(answer.text).not.toBe("");
  }
  // Acknowledged first while the others ran: their rows were written before "Working on it…".
  const working = firsts.flatMap((answer, i) => (answer.text.includes("Working on it") ? [i] : []));
  expect(working.length).toBeGreaterThan(0);

  // Answered before the replays are sent: the two processes then do not wait for each other's
  // lock on the file, which could make the replica's ledger answer late (its memory decides then).
  for (const i of working) await h.fake.waitFor(() => h.fake.responsesTo(`burst-${i}`).length > 0, `the answer to command ${i}`);
  const replica = await startSlackHarness({ databaseUrl: h.bot.url });
  try {
    // The replica is busy with commands of its own while the replays reach it, so they take the
    // path of a command acknowledged first, whose inbox row goes with its fingerprint.
    const own = Array.from({ length: 10 }, (_, i) => replica.send(`/code redeem KATE15 $${300 + i}`, who));
    const replays = await Promise.all([
      ...bodies.map((body, i) => postRaw(body, headers[i]!, replica.adapter.eventsUrl!)),
      ...bodies.map((body, i) => postRaw(body, headers[i]!)),
    ]);
    expect(replays.filter((r) => r.status !== 200 || r.text !== "")).toEqual([]);
    for (const sent of await Promise.all(own)) if (messageText(sent.ack) === "Working on it…") await sent.waitForResponses(1);
    await new Promise((resolve) => setTimeout(resolve, 300));

    const ws = await workspaceId(TEAM);
    const stored = await h.bot.db.redemption.findMany({ where: { workspaceId: ws, revenue: { in: bodies.map((_, i) => cents(i)) } } });
    expect(stored.map((r) => r.revenue).sort()).toEqual(bodies.map((_, i) => cents(i)).sort());
    expect(await h.bot.db.redemption.count({ where: { workspaceId: ws, revenue: { in: own.map((_, i) => (300 + i) * 100) } } })).toBe(10);
    // Each answered once (in its acknowledgement or at its response URL), none by a replay.
    bodies.forEach((_, i) => expect(h.fake.responsesTo(`burst-${i}`)).toHaveLength(working.includes(i) ? 1 : 0));
    // Answered commands leave the inbox; a replay's row would stay, never run nor answered.
    const urls = bodies.map((_, i) => h.fake.responseUrl(`burst-${i}`));
    let left = -1;
    for (let tries = 0; tries < 50 && left !== 0; tries++) {
      left = await h.bot.db.inboxCommand.count({ where: { replyTo: { in: urls } } });
      if (left !== 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(left).toBe(0);
  } finally {
    await replica.close();
  }
});
