// PostgreSQL under real concurrency: two cores on one schema (two replicas), their
// transactions held at the same write by a table lock and then released together, so only the
// unique constraints can keep an order, a post, a code or a digest period single. And what a
// person sees when the connection is lost mid-command or a statement runs too long.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDispatcher } from "../../src/core/dispatch.ts";
import { reply, type Reply } from "../../src/core/reply.ts";
import { action, defineCommand } from "../../src/core/spec.ts";
import type { Database } from "../../src/db/client.ts";
import { claimRun } from "../../src/db/digest-claims.ts";
import { silentLogger } from "../../src/log.ts";
import { renderText } from "../../src/render/text.ts";
import { expectOk, onPostgres, startTestBot, type TestBot } from "../helpers/core.ts";
import { lockWaiters, raceAtWrite, sideConnection, terminate } from "../helpers/postgres.ts";

const NOW = () => new Date("2026-12-05T10:00:00Z");
let a: TestBot;
let b: TestBot;
let side: Database;

describe.skipIf(!onPostgres)("PostgreSQL: two replicas at the same moment (set TEST_DATABASE_URL to run)", () => {
  beforeAll(async () => {
    a = await startTestBot({ now: NOW });
    b = await startTestBot({ now: NOW, url: a.url });
    side = await sideConnection(a.url);
    for (const line of [
      "/creator add kate tiktok 48k",
      "/creator add tom instagram 9k",
      '/campaign new "Spring Launch"',
      '/campaign enroll "Spring Launch" kate',
      '/campaign enroll "Spring Launch" tom',
      '/code add kate "Spring Launch" code:KATE15',
    ]) {
      expectOk(await a.run(line));
    }
  });
  afterAll(async () => {
    await side?.$disconnect();
    await b?.close();
    await a?.close();
  });

  async function waitUntilGone(pids: number[]) {
    for (let i = 0; i < 400; i++) {
      const left = await side.$queryRawUnsafe<unknown[]>(`SELECT 1 FROM pg_stat_activity WHERE pid = ANY($1::int[])`, pids);
      if (left.length === 0) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error("terminated backends did not go away");
  }

  const statuses = (replies: Reply[]) => replies.map((r) => r.status).sort();

  it("the same order id redeemed on both replicas at once is counted once, and the other hears 'already counted'", async () => {
    const replies = await raceAtWrite(side, "Redemption", 2, () =>
      Promise.all([a.run("/code redeem KATE15 $59.90 order:5001"), b.run("/code redeem kate15 $59.90 order:5001")]),
    );
    expect(statuses(replies)).toEqual(["error", "ok"]);
    expect(renderText(replies.find((r) => r.status === "error")!)).toBe("Error: Order 5001 was already counted for KATE15; nothing was added.");
    expect(await a.db.redemption.count({ where: { orderId: "5001" } })).toBe(1);
    expect((await a.db.redemption.aggregate({ _sum: { revenue: true } }))._sum.revenue).toBe(5990);
  });

  it("the same post URL logged on both replicas at once is stored once", async () => {
    const replies = await raceAtWrite(side, "Post", 2, () =>
      Promise.all([
        a.run("/post log https://www.tiktok.com/@kate/video/777 kate views:1k"),
        b.run("/post log https://tiktok.com/@kate/video/777?utm_source=x kate views:2k"),
      ]),
    );
    expect(statuses(replies)).toEqual(["error", "ok"]);
    expect(await a.db.post.count({ where: { urlKey: { contains: "video/777" } } })).toBe(1);
    expect(await a.db.metricSnapshot.count({ where: { post: { urlKey: { contains: "video/777" } } } })).toBe(1);
    // Sent again, the loser is told what is there.
    expect(await b.text("/post log https://www.tiktok.com/@kate/video/777 kate views:2k")).toMatch(/already logged: @kate in "Spring Launch"/);
  });

  it("one code asked for by two creators on two replicas at once goes to one of them", async () => {
    const replies = await raceAtWrite(side, "Code", 2, () =>
      Promise.all([a.run('/code add kate "Spring Launch" code:summer-sale'), b.run('/code add tom "Spring Launch" code:SUMMER-SALE')]),
    );
    expect(statuses(replies)).toEqual(["error", "ok"]);
    expect(renderText(replies.find((r) => r.status === "error")!)).toMatch(/try again/i);
    expect(await a.db.code.count({ where: { code: "SUMMER-SALE" } })).toBe(1);
    expect(await a.text('/code add tom "Spring Launch" code:summer-sale')).toMatch(/SUMMER-SALE is already held by @/);
  });

  it("a digest period claimed by both replicas at once is claimed by exactly one", async () => {
    const workspace = await a.db.workspace.findFirstOrThrow();
    const schedule = await a.db.digestSchedule.create({
      data: { workspaceId: workspace.id, channelId: "C1", frequency: "daily", time: "09:00", timeZone: "UTC" },
    });
    const at = new Date("2026-12-05T09:00:00Z");
    const results = await raceAtWrite(side, "DigestRun", 2, () =>
      Promise.all([claimRun(a.db, schedule.id, "2026-12-04", "replica-a", at, 60_000), claimRun(b.db, schedule.id, "2026-12-04", "replica-b", at, 60_000)]),
    );
    expect(results.filter((r) => r.claimed)).toHaveLength(1);
    expect(results.filter((r) => !r.claimed)).toEqual([{ claimed: false, status: "claimed", error: null }]);
    const runs = await a.db.digestRun.findMany({ where: { scheduleId: schedule.id } });
    expect(runs).toHaveLength(1);
    expect(runs[0]!.claimedBy).toBe(results[0]!.claimed ? "replica-a" : "replica-b");
  });

  it("a connection lost mid-command answers 'try again', saves nothing, and the bot reconnects (a pool of one, twice)", async () => {
    // One connection: a lost connection that stayed checked out would leave none for the next command.
    const solo = await startTestBot({ now: NOW, url: a.url, poolSize: 1 });
    try {
      for (let i = 0; i < 2; i++) {
        const reply = await raceAtWrite(
          side,
          "Creator",
          1,
          () => solo.run("/creator add @lost tiktok 1k"),
          (pids) => terminate(side, pids),
        );
        expect(reply).toMatchObject({ status: "error", errorCode: "db_unavailable" });
        expect(renderText(reply)).toMatch(/^Error: The database could not be reached just now; nothing was saved\. Please try again/);
        expect(await a.db.creator.count({ where: { handleKey: "lost" } })).toBe(0);
      }
      expect(expectOk(await solo.run("/creator add @lost tiktok 1k")).title).toMatch(/Registered @lost/);
      expect(await a.db.creator.count({ where: { handleKey: "lost" } })).toBe(1);
    } finally {
      await solo.close();
    }
  });

  it("every connection of a replica dropped while idle (a server restart): the next command reconnects", async () => {
    const name = `replica_c_${process.pid}`;
    const c = await startTestBot({ now: NOW, url: `${a.url}&application_name=${name}` });
    try {
      expectOk(await c.run("/creator list"));
      const idle = await side.$queryRawUnsafe<{ pid: number }[]>(`SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND state = 'idle'`, name);
      expect(idle.length).toBeGreaterThan(0);
      await terminate(
        side,
        idle.map((r) => Number(r.pid)),
      );
      // As after a restart, the old connections are gone before the next command arrives, and
      // (a person types the next command seconds later) the bot's pool has seen their sockets
      // close: on a loaded machine the server forgets them before the bot's event loop reads it.
      await waitUntilGone(idle.map((r) => Number(r.pid)));
      await new Promise((resolve) => setTimeout(resolve, 2000));
      expectOk(await c.run("/creator add @after tiktok 1k"));
      expectOk(await a.run("/creator show @after"));
    } finally {
      await c.close();
    }
  });

  it("a connection lost between two statements of a command (a server restart) answers 'try again', and the next command succeeds", async () => {
    const name = `replica_d_${process.pid}`;
    const d = await startTestBot({ now: NOW, url: `${a.url}&application_name=${name}`, poolSize: 1 });
    // A command that reads, waits for the test, then writes: its transaction's connection is
    // idle between the two, as any command's is for a moment between its statements.
    let inside!: () => void;
    let proceed!: () => void;
    const reading = new Promise<void>((resolve) => (inside = resolve));
    const gate = new Promise<void>((resolve) => (proceed = resolve));
    const hold = defineCommand({
      name: "hold",
      description: "reads, waits, writes",
      actions: [
        action({
          name: "",
          description: "hold",
          options: {},
          role: "member",
          mutates: true,
          async run(ctx) {
            await ctx.db.creator.count();
            inside();
            await gate;
            await ctx.db.creator.create({ data: { workspaceId: ctx.workspace.id, handle: "held", handleKey: "held" } });
            return reply("Held").build();
          },
        }),
      ],
    });
    const dispatcher = createDispatcher({ db: d.db, commands: [hold], log: silentLogger(), chartProcess: d.core.chartProcess });
    const caller = { platform: "local", workspaceId: "local", userId: "alice", userName: "alice" } as const;
    try {
      const held = dispatcher.runLine(caller, "/hold");
      await reading;
      const pids = (await side.$queryRawUnsafe<{ pid: number }[]>(`SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND state = 'idle in transaction'`, name)).map((r) => Number(r.pid));
      expect(pids).toHaveLength(1);
      await terminate(side, pids);
      await waitUntilGone(pids);
      proceed();
      const answer = await held;
      expect(renderText(answer)).not.toMatch(/Something went wrong/);
      expect(answer).toMatchObject({ status: "error", errorCode: "db_unavailable" });
      expect(await a.db.creator.count({ where: { handleKey: "held" } })).toBe(0);
      // The pool of one has let the broken connection go and opens a new one.
      expect(expectOk(await dispatcher.runLine(caller, "/hold")).title).toBe("Held");
      expect(await a.db.creator.count({ where: { handleKey: "held" } })).toBe(1);
    } finally {
      proceed();
      await d.close();
    }
  });

  it("a statement over DATABASE_STATEMENT_TIMEOUT_MS is cancelled: 'try again', nothing saved", async () => {
    const impatient = await startTestBot({ now: NOW, url: a.url, statementTimeoutMs: 300 });
    try {
      let reply!: Reply;
      await side.$transaction(
        async (tx) => {
          await tx.$executeRawUnsafe(`LOCK TABLE "Creator" IN EXCLUSIVE MODE`);
          reply = await impatient.run("/creator add @slow tiktok 1k");
        },
        { timeout: 60_000 },
      );
      expect(reply).toMatchObject({ status: "error", errorCode: "db_unavailable" });
      expect(await a.db.creator.count({ where: { handleKey: "slow" } })).toBe(0);
      expect(await lockWaiters(side, "Creator")).toEqual([]);
      expectOk(await impatient.run("/creator add @slow tiktok 1k"));
    } finally {
      await impatient.close();
    }
  });
});
