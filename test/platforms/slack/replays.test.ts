// Each signed request runs once. The same request sent again within its five minutes (a replay)
// is answered 200 with nothing in it and runs nothing; so is Slack's own retry of a request
// (X-Slack-Retry-Num); a timestamp more than five minutes ahead is refused like an old one.

import { createHash } from "node:crypto";
import pino from "pino";
import { afterAll, beforeAll, expect, test } from "vitest";
import { acknowledgementStore, insertSightings } from "../../../src/db/acknowledgement-store.ts";
import { onPostgres } from "../../helpers/core.ts";
import { commandPayload, messageText, postSigned, startSlackHarness, SIGNING_SECRET, type Sent, type SlackHarness } from "./slack-side.ts";
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

/** How long a command acknowledged "Working on it…" may take to answer on a busy machine. */
const ANSWER_MS = 60_000;

/**
 * A command's own answer is in: in its acknowledgement, or, when it was acknowledged "Working on
 * it…" (it ran past the quick deadline: a busy machine), at its response URL. Only then may a
 * test count what it stored.
 */
async function answered(ack: string, responseId: string): Promise<void> {
  if (ack.includes("Working on it")) await h.fake.waitFor(() => h.fake.responsesTo(responseId).length > 0, `the answer to ${responseId}`, ANSWER_MS);
}

/** The text of a command's answer: its acknowledgement's, or its first response's after "Working on it…". */
async function answerText(sent: Sent): Promise<string> {
  const ack = messageText(sent.ack);
  return ack.includes("Working on it") ? messageText((await sent.waitForResponses(1))[0]) : ack;
}

beforeAll(async () => {
  await h.send('/campaign new "Spring Launch" brand:Kettlebell budget:$5,000 start:2026-12-01 end:2026-12-31', who);
  await h.send("/creator add @kate tiktok 48k", who);
  await h.send('/campaign enroll "Spring Launch" @kate fee:$300', who);
  const code = await h.send('/code add @kate "Spring Launch" discount:15%', who);
  expect(await answerText(code)).toContain("KATE15");
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
  await answered(first.text, "redeem");

  // Let anything answered later finish before counting.
  await new Promise((resolve) => setTimeout(resolve, 300));
  const ws = await workspaceId(TEAM);
  const redemptions = await h.bot.db.redemption.findMany({ where: { workspaceId: ws } });
  expect(redemptions.map((r) => [r.orders, r.revenue])).toEqual([[1, 5000]]);
  const list = await h.send("/code list", who);
  expect(await answerText(list)).toMatch(/KATE15[^\n]*\b1\b[^\n]*\$50/);
});

test("a replay sent to another replica on the same database runs nothing there either", async () => {
  const replica = await startSlackHarness({ databaseUrl: h.bot.url });
  try {
    const body = new URLSearchParams(commandPayload("/code redeem KATE15 $70", who, h.fake.responseUrl("replica"))).toString();
    const headers = signedHeaders(SIGNING_SECRET, body);
    const first = await postRaw(body, headers);
    expect(first.status).toBe(200);
    expect(await postRaw(body, headers, replica.adapter.eventsUrl!)).toEqual({ status: 200, text: "" });
    await answered(first.text, "replica");
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
  await answered(first.text, "retry");
  await new Promise((resolve) => setTimeout(resolve, 300));
  // Nothing at the response URL but the first's own answer, when it was acknowledged "Working on it…".
  expect(h.fake.responsesTo("retry")).toHaveLength(first.text.includes("Working on it") ? 1 : 0);
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
  await answered(messageText(slightlyAhead.body), "future");
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
  for (const i of working) await h.fake.waitFor(() => h.fake.responsesTo(`burst-${i}`).length > 0, `the answer to command ${i}`, ANSWER_MS);
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
      left = (await acknowledgementStore(h.bot.db).rows()).filter((r) => urls.includes(r.replyTo)).length;
      if (left !== 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(left).toBe(0);
  } finally {
    await replica.close();
  }
});

test.runIf(onPostgres)("a replay that another replica records while this one's database is slow is not run, even once this process's memory has let it through (PostgreSQL)", async () => {
  // What this replica logs: the moment its memory decides alone is the moment to let the database answer.
  const logged: Array<Record<string, unknown>> = [];
  const log = pino({ level: "warn" }, { write: (line: string) => void logged.push(JSON.parse(line)) });
  const replica = await startSlackHarness({ databaseUrl: h.bot.url, log });
  let release = () => {};
  let commit = () => {};
  try {
    // Busy: a command of its own is in flight (users.info held), so the replay takes the path of a
    // command acknowledged "Working on it…", whose inbox row waits for the ledger's answer.
    replica.fake.usersInfoGate = new Promise<void>((resolve) => (release = resolve));
    const own = replica.send("/code list", { team: TEAM, user: "UBUSY" });
    await replica.fake.waitFor(() => replica.fake.callsOf("users.info").length > 0 || undefined, "the command in flight", ANSWER_MS);

    const body = new URLSearchParams(commandPayload("/code redeem KATE15 $77", who, h.fake.responseUrl("slow-ledger"))).toString();
    const headers = signedHeaders(SIGNING_SECRET, body);
    const fingerprint = createHash("sha256").update(`${headers["X-Slack-Signature"]}:${headers["X-Slack-Request-Timestamp"]}`).digest("hex");
    // Another replica records the request first and has not committed: this replica's write of it waits.
    const committing = new Promise<void>((resolve) => (commit = resolve));
    let recorded!: () => void;
    const other = new Promise<void>((resolve) => (recorded = resolve));
    const otherReplica = h.bot.db.$transaction(async (tx) => {
      await insertSightings(tx, [{ fingerprint, at: new Date() }]);
      recorded();
      await committing;
    }, { timeout: 120_000 });
    await other;
    const replay = postRaw(body, headers, replica.adapter.eventsUrl!);
    await waitUntil(() => logged.some((l) => l.msg === "request ledger: this process's memory decided"), "this replica's memory to decide");
    commit();
    await otherReplica;
    const answer = await replay;
    // Not acknowledged "Working on it…" (answered as a replay, or, on a machine too busy for Slack's 3 seconds, not at all).
    expect(answer.text).toBe("");
    release();
    await own;
  } finally {
    commit();
    release();
    // Stopping waits for every command in flight: anything the replay started has finished.
    await replica.close();
  }
  expect(replica.fake.responses).toEqual([]);
  expect(h.fake.responsesTo("slow-ledger")).toEqual([]);
  expect(await h.bot.db.redemption.count({ where: { workspaceId: await workspaceId(TEAM), revenue: 7700 } })).toBe(0);
});

/** Resolves once `check()` holds, looking every 20 ms; fails after `timeoutMs`. */
async function waitUntil(check: () => boolean, what: string, timeoutMs = ANSWER_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
