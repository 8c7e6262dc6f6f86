// Two replicas: two bot processes on one database (PostgreSQL with TEST_DATABASE_URL, otherwise
// one SQLite file in WAL mode) behind the fake Slack. A command sent to one is seen by the other;
// a scheduled digest is posted once; a post slower than the lease keeps its claim (no second
// post); and when the replica posting it is killed mid-post, the other takes the claim over
// after the lease and posts it, still once.

import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/client.ts";
import type { DigestRun } from "../../src/generated/prisma/client.ts";
import { spawnBot, type BotProcess } from "../helpers/bot-process.ts";
import { dropDatabase, freshDatabaseUrl, onPostgres } from "../helpers/database.ts";
import { FakeSlack } from "../platforms/slack/fake-slack.ts";
import { BOT_TOKEN, SIGNING_SECRET, commandPayload, messageText, postSigned, type Who } from "../platforms/slack/slack-side.ts";

const MODE = onPostgres ? "one PostgreSQL schema" : "one SQLite file (WAL)";
const TEAM = "T-REPLICAS";
const TICK_SECONDS = 1;
const LEASE_SECONDS = 5;

interface Replica {
  name: "A" | "B";
  bot: BotProcess;
  /** Where Slack posts slash commands to this replica. */
  url: string;
}

let fake: FakeSlack;
let databaseUrl: string;
let db: Database | undefined;
let a: Replica;
let b: Replica;
const replicas: Replica[] = [];

function startReplica(): BotProcess {
  return spawnBot({
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: "3",
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    SLACK_APP_TOKEN: "",
    DISCORD_TOKEN: "",
    DISCORD_APPLICATION_ID: "",
    HOST: "127.0.0.1",
    PORT: "0",
    LOG_LEVEL: "info",
    DIGEST_TICK_SECONDS: String(TICK_SECONDS),
    DIGEST_LEASE_SECONDS: String(LEASE_SECONDS),
    // U1 sends every command; the fake Slack does not call it a workspace admin, the operator does.
    ADMINS: "slack:U1",
  });
}

beforeAll(async () => {
  fake = await FakeSlack.start({ botToken: BOT_TOKEN });
  databaseUrl = freshDatabaseUrl("replicas");
  // Started together, as a deploy starts them: both migrate the new database, one does the work.
  const bots = { A: startReplica(), B: startReplica() };
  for (const [name, bot] of Object.entries(bots) as Array<[Replica["name"], BotProcess]>) replicas.push({ name, bot, url: "" });
  await Promise.all(
    replicas.map(async (r) => {
      r.url = (await r.bot.logs.waitFor("slack adapter started", 90_000)).url as string;
      await r.bot.logs.waitFor("bot started", 30_000);
    }),
  );
  [a, b] = replicas as [Replica, Replica];
  // The test's own connection, for arranging schedules and reading what the replicas stored.
  db = await openDatabase(databaseUrl, { migrate: false, poolSize: 2 });
  console.log(`two replicas on ${MODE}: A pid ${a.bot.pid}, B pid ${b.bot.pid}`);
}, 120_000);

afterAll(async () => {
  await Promise.allSettled(replicas.map((r) => r.bot.kill("SIGKILL")));
  await db?.$disconnect();
  await fake?.close();
  if (databaseUrl) await dropDatabase(databaseUrl);
});

/** Sends a slash command to a replica as Slack would; the reply's text (ack, then response_url posts). */
async function send(replica: Replica, line: string, who: Who = {}): Promise<string> {
  const id = randomUUID();
  const payload = commandPayload(line, { team: TEAM, user: "U1", channel: "C-COMMANDS", ...who }, fake.responseUrl(id));
  const answer = await within(30_000, postSigned(replica.url, new URLSearchParams(payload).toString()), `replica ${replica.name} to answer ${line}`);
  expect(answer.status).toBe(200);
  const acked = messageText(answer.body);
  // Slow work is acked with "Working on …" and answered at the response URL.
  if (/^Working on/.test(acked)) await fake.waitFor(() => fake.responsesTo(id).length > 0, `the answer to ${line}`, 30_000);
  return [acked, ...fake.responsesTo(id).map(messageText)].join("\n");
}

function within<T>(ms: number, promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`gave up waiting ${ms} ms for ${what}`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** Polls the database until `check` returns something; fails with `what` after `timeoutMs`. */
async function eventually<T>(check: () => Promise<T | null | undefined>, what: string, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The UTC time of day two hours ago: its latest occurrence is well past, the next far ahead. */
function twoHoursAgo(): string {
  const t = new Date(Date.now() - 2 * 60 * 60 * 1000);
  return `${String(t.getUTCHours()).padStart(2, "0")}:${String(t.getUTCMinutes()).padStart(2, "0")}`;
}

/** Schedules a digest of "Spring Launch" into `channel` through `replica`; returns its id. */
async function scheduleDigest(replica: Replica, channel: string): Promise<number> {
  const answer = await send(replica, `/digest schedule "Spring Launch" daily ${twoHoursAgo()} tz:UTC`, { channel });
  const id = Number(/Scheduled digest #(\d+)/.exec(answer)?.[1]);
  expect(id, answer).toBeGreaterThan(0);
  // Arrange: a schedule does not fire for occurrences before it was made, so it is made a day
  // earlier; its latest occurrence is then due at the replicas' next tick.
  const schedule = await db!.digestSchedule.findUniqueOrThrow({ where: { id } });
  await db!.digestSchedule.update({ where: { id }, data: { createdAt: new Date(schedule.createdAt.getTime() - 24 * 60 * 60 * 1000) } });
  return id;
}

const runOf = (scheduleId: number) => db!.digestRun.findMany({ where: { scheduleId } });
const pidOf = (run: DigestRun) => Number(run.claimedBy.split(":")[1]);
const postsIn = (channel: string) => fake.callsOf("chat.postMessage").filter((c) => c.params.channel === channel);
const uploadsIn = (channel: string) => fake.callsOf("files.completeUploadExternal").filter((c) => c.params.channel_id === channel);
const running = (r: Replica) => r.bot.child.exitCode === null && r.bot.child.signalCode === null;

describe(`two replicas (bot processes) on ${MODE}`, { timeout: 180_000 }, () => {
  it("every command's effect is visible from the other replica", async () => {
    expect(await send(a, "/creator add @kate tiktok 48k")).toContain("Registered @kate");
    const shown = await send(b, "/creator show kate");
    expect(shown).toContain("@kate");
    expect(shown).toMatch(/48,000/);

    expect(await send(b, '/campaign new "Spring Launch"')).toContain('Created campaign "Spring Launch"');
    expect(await send(a, '/campaign enroll "Spring Launch" kate fee:$100')).toContain('Enrolled @kate in "Spring Launch"');
    expect(await send(b, '/post log https://www.tiktok.com/@kate/video/1 kate "Spring Launch" views:5k likes:400')).toContain(
      `Logged @kate's TikTok post in "Spring Launch"`,
    );

    expect(await send(a, '/code add kate "Spring Launch" code:KATE10')).toContain(`KATE10 is @kate's code for "Spring Launch"`);
    expect(await send(a, "/code redeem KATE10 $59.90 order:1001")).toContain("KATE10: 1 order, $59.90");
    const again = await send(b, "/code redeem KATE10 $59.90 order:1001");
    expect(again).toContain("Order 1001 was already counted");
    expect(again).toContain("nothing was added");

    const report = await send(b, '/report "Spring Launch"');
    expect(report).toContain("Report: Spring Launch");
    // Slack shows each figure as a field: "*Orders*" over "1".
    expect(report).toMatch(/Orders\W+1\b/);
    expect(report).toMatch(/Revenue\W+\$59\.90/);
    expect(report).toMatch(/Posts\W+1\b/);

    // What they stored, read from the database they share.
    expect(await db!.redemption.count()).toBe(1);
    expect((await db!.creator.findMany()).map((c) => c.handle)).toEqual(["kate"]);
  });

  it("a digest scheduled on one replica is posted once, by one of the two", async () => {
    const scheduleId = await scheduleDigest(a, "C-DIGEST-1");
    const [run] = await eventually(async () => {
      const runs = await runOf(scheduleId);
      return runs.some((r) => r.status === "sent") ? runs : null;
    }, "the digest to be sent");
    expect(postsIn("C-DIGEST-1")).toHaveLength(1);
    expect(postsIn("C-DIGEST-1")[0]!.params.text).toContain("Spring Launch: daily digest");
    expect(uploadsIn("C-DIGEST-1")).toHaveLength(3);

    // Both replicas tick past the sent period a few more times: nothing more is posted.
    await sleep(4 * TICK_SECONDS * 1000);
    expect(postsIn("C-DIGEST-1")).toHaveLength(1);
    expect(uploadsIn("C-DIGEST-1")).toHaveLength(3);
    expect(await runOf(scheduleId)).toEqual([expect.objectContaining({ status: "sent", attempts: 1 })]);
    const poster = replicas.find((r) => r.bot.pid === pidOf(run!));
    expect(poster, run!.claimedBy).toBeDefined();
    console.log(`${MODE}: digest #${scheduleId} posted by replica ${poster!.name}`);
    expect(replicas.every(running)).toBe(true);
  });

  it("a digest post slower than the lease: the replica posting it keeps its claim, and it is posted once", async () => {
    // Slack keeps the post waiting longer than the lease while the replica posting it is alive.
    const release = fake.holdPostMessages("C-DIGEST-SLOW");
    try {
      const scheduleId = await scheduleDigest(a, "C-DIGEST-SLOW");
      await fake.waitFor(() => fake.heldCalls.some((c) => c.params.channel === "C-DIGEST-SLOW"), "a held digest post", 60_000);
      const [claim] = await runOf(scheduleId);
      // Past the first lease, with both replicas ticking: the claim is still the first one's.
      await sleep((LEASE_SECONDS + 3 * TICK_SECONDS) * 1000);
      expect(fake.heldCalls.filter((c) => c.params.channel === "C-DIGEST-SLOW")).toHaveLength(1);
      expect(await runOf(scheduleId)).toEqual([expect.objectContaining({ status: "claimed", attempts: 1, claimedBy: claim!.claimedBy })]);
      release();
      const [run] = await eventually(async () => {
        const runs = await runOf(scheduleId);
        return runs.some((r) => r.status === "sent") ? runs : null;
      }, "the slow digest to be sent");
      expect(run).toMatchObject({ status: "sent", attempts: 1, claimedBy: claim!.claimedBy });
      expect(postsIn("C-DIGEST-SLOW")).toHaveLength(1);
      expect(uploadsIn("C-DIGEST-SLOW")).toHaveLength(3);
      expect(replicas.every(running)).toBe(true);
    } finally {
      release();
    }
  });

  it("the replica posting a digest is killed mid-post (SIGKILL): the other takes it over after the lease and posts it once", async () => {
    // The fake Slack keeps chat.postMessage into this channel unanswered: the claiming replica
    // hangs inside the post, as one dying mid-digest would.
    const release = fake.holdPostMessages("C-DIGEST-2");
    try {
      const scheduleId = await scheduleDigest(b, "C-DIGEST-2");
      await fake.waitFor(() => fake.heldCalls.some((c) => c.params.channel === "C-DIGEST-2"), "a held digest post", 60_000);
      const [claim] = await runOf(scheduleId);
      expect(claim).toMatchObject({ status: "claimed", attempts: 1 });
      const victim = replicas.find((r) => r.bot.pid === pidOf(claim!));
      expect(victim, claim!.claimedBy).toBeDefined();
      const survivor = replicas.find((r) => r !== victim)!;

      await victim!.bot.kill("SIGKILL");
      expect(await victim!.bot.exited).toEqual({ code: null, signal: "SIGKILL" });
      // Its post never completed: Slack saw the connection go, and nothing reached the channel.
      await fake.waitFor(() => fake.droppedCalls.some((c) => c.params.channel === "C-DIGEST-2"), "the killed replica's post to be dropped");
      expect(postsIn("C-DIGEST-2")).toHaveLength(0);
      release();

      const [run] = await eventually(async () => {
        const runs = await runOf(scheduleId);
        return runs.some((r) => r.status === "sent") ? runs : null;
      }, `replica ${survivor.name} to take the digest over and send it`);
      expect(run).toMatchObject({ status: "sent", attempts: 2 });
      expect(pidOf(run!)).toBe(survivor.bot.pid);
      expect(postsIn("C-DIGEST-2")).toHaveLength(1);
      expect(postsIn("C-DIGEST-2")[0]!.params.text).toContain("Spring Launch: daily digest");
      expect(uploadsIn("C-DIGEST-2")).toHaveLength(3);
      await survivor.bot.logs.waitFor((l) => l.scheduleId === scheduleId && l.status === "posted", 15_000);
      console.log(`${MODE}: replica ${victim!.name} killed mid-post of digest #${scheduleId}; replica ${survivor.name} took it over`);

      // The survivor keeps ticking: still one post per channel.
      await sleep(3 * TICK_SECONDS * 1000);
      expect(postsIn("C-DIGEST-2")).toHaveLength(1);
      expect(postsIn("C-DIGEST-1")).toHaveLength(1);
      expect(running(survivor)).toBe(true);
    } finally {
      release();
    }
  });
});
