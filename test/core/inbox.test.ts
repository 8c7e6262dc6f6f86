// The inbox of acknowledged commands (src/db/inbox.ts), on SQLite and (with TEST_DATABASE_URL)
// PostgreSQL: a command's row is marked done in the command's own transaction, so a second run
// of it (a restarted process, another replica) writes nothing; a failed command leaves its row
// to be run again; a starting process claims only rows whose lease ran out, and two processes
// claiming at once never get the same row.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Caller } from "../../src/core/dispatch.ts";
import { Inbox, InboxTicket } from "../../src/db/inbox.ts";
import { onPostgres, startTestBot, type TestBot, type TestWorkspace } from "../helpers/core.ts";
import { inboxEntry as entry } from "../helpers/inbox-entry.ts";

const LEASE_MS = 60_000;
let bot: TestBot;
let second: TestBot;
let clock = new Date("2026-12-03T10:00:00Z");
const now = () => clock;
let inbox: Inbox;

beforeAll(async () => {
  bot = await startTestBot();
  // A second replica: its own connection (pool) to the same database.
  second = await startTestBot({ url: bot.url });
  inbox = new Inbox(bot.db, { leaseMs: LEASE_MS, now });
});
afterAll(async () => {
  await second?.close();
  await bot?.close();
});

const SET_UP = ["/creator add kate tiktok 48k", '/campaign new "Spring Launch"', '/campaign enroll "Spring Launch" kate', '/code add kate "Spring Launch" code:KATE15'];

/** Runs a line in the test's workspace with an inbox ticket. */
async function runWith(ws: TestWorkspace & { externalId: string }, line: string, ticket: InboxTicket) {
  const prepared = bot.core.dispatcher.prepareLine(line);
  if ("status" in prepared) throw new Error("line did not parse");
  const caller: Caller = { platform: "local", workspaceId: ws.externalId, userId: "alice", userName: "alice", channelId: "C1" };
  return bot.core.dispatcher.runPrepared(caller, prepared, ticket);
}

async function workspace() {
  const ws = await bot.workspace(SET_UP);
  const row = await bot.db.workspace.findUniqueOrThrow({ where: { id: ws.id } });
  return { ...ws, externalId: row.externalId };
}

const redemptions = (wsId: number) => bot.db.redemption.findMany({ where: { workspaceId: wsId } });
const stateOf = async (id: string) => (await bot.db.inboxCommand.findUnique({ where: { id } }))?.state;

describe("a command's inbox row", () => {
  it("is marked done with the command's writes; a second run of it writes nothing and is not answered", async () => {
    const ws = await workspace();
    const ticket = new InboxTicket();
    await inbox.record(ticket, entry(), "before");
    expect(await stateOf(ticket.id)).toBe("pending");

    const first = await runWith(ws, "/code redeem KATE15 $7", ticket);
    expect(first.status).toBe("ok");
    expect(ticket.alreadyDone).toBe(false);
    expect(await stateOf(ticket.id)).toBe("done");
    expect(await redemptions(ws.id)).toHaveLength(1);

    // The same command again, as a restarted process would run it from its row.
    const again = new InboxTicket("before", ticket.id);
    await runWith(ws, "/code redeem KATE15 $7", again);
    expect(again.alreadyDone).toBe(true);
    expect(await redemptions(ws.id)).toHaveLength(1);
  });

  it("stays not done when the command fails, so that it is run again", async () => {
    const ws = await workspace();
    const ticket = new InboxTicket();
    await inbox.record(ticket, entry(), "before");
    const reply = await runWith(ws, "/code redeem NOPE $7", ticket);
    expect(reply.status).toBe("error");
    expect(await stateOf(ticket.id)).toBe("pending");
  });

  it("written while the command runs: done whichever comes first, the command's transaction or the write", async () => {
    const ws = await workspace();
    // The command first: its transaction writes the row done, and the later write leaves it so.
    const late = new InboxTicket("during");
    late.entry = entry();
    const reply = await runWith(ws, "/code redeem KATE15 $3", late);
    expect(reply.status).toBe("ok");
    expect(await stateOf(late.id)).toBe("done");
    await inbox.record(late, entry(), "during");
    expect(await stateOf(late.id)).toBe("done");

    // The write first: the transaction marks it done.
    const early = new InboxTicket();
    await inbox.record(early, entry(), "during");
    await runWith(ws, "/code redeem KATE15 $4", early);
    expect(await stateOf(early.id)).toBe("done");
    expect((await redemptions(ws.id)).map((r) => r.revenue).sort()).toEqual([300, 400]);
  });

  it.runIf(onPostgres)("written while the command runs, at the same moment as its transaction: the command is stored and its row done (PostgreSQL)", async () => {
    const ws = await workspace();
    const ticket = new InboxTicket("during");
    ticket.entry = entry();
    // The platform's write (another connection, as a group of writes is) has inserted the row
    // and not committed yet when the command's transaction comes to mark it.
    let commit!: () => void;
    const committing = new Promise<void>((resolve) => (commit = resolve));
    let writer!: number;
    const inserted = new Promise<void>((resolve, reject) => {
      second.db
        .$transaction(async (tx) => {
          writer = (await tx.$queryRawUnsafe<Array<{ pid: number }>>("SELECT pg_backend_pid() AS pid"))[0]!.pid;
          await tx.inboxCommand.create({ data: { ...ticket.entry!, id: ticket.id, state: "pending", attempts: 0, leaseUntil: ticket.leaseUntil, createdAt: ticket.createdAt } });
          resolve();
          await committing;
        }, { timeout: 120_000 })
        .catch(reject);
    });
    await inserted;
    const run = runWith(ws, "/code redeem KATE15 $6", ticket);
    // Committed once the command's transaction waits for it (PostgreSQL says so), not after a guessed time.
    const waitsForWriter = async () => (await bot.db.$queryRawUnsafe<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE ${writer} = ANY(pg_blocking_pids(pid))`))[0]!.n > 0;
    for (let tries = 0; !(await waitsForWriter()); tries++) {
      if (tries > 1200) throw new Error("the command's transaction never waited for the row being written");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    commit();
    const reply = await run;
    expect(reply.status, JSON.stringify(reply)).toBe("ok");
    expect(await stateOf(ticket.id)).toBe("done");
    expect((await redemptions(ws.id)).map((r) => r.revenue)).toEqual([600]);
  });

  it("is written done when the command had already run its statements (only the commit was left)", async () => {
    const ws = await workspace();
    const ticket = new InboxTicket();
    await runWith(ws, "/code redeem KATE15 $5", ticket);
    expect(ticket.passed).toBe(true);
    await inbox.record(ticket, entry(), "during");
    expect(await stateOf(ticket.id)).toBe("done");
  });

  it("is deleted once answered", async () => {
    const ticket = new InboxTicket();
    await inbox.record(ticket, entry(), "before");
    inbox.forget(ticket.id, (error) => {
      throw error;
    });
    await inbox.idle();
    expect(await stateOf(ticket.id)).toBeUndefined();
  });
});

describe("claiming abandoned commands", () => {
  it("takes only the platform's rows whose lease ran out, each for a new lease and one more attempt", async () => {
    await bot.db.inboxCommand.deleteMany();
    const owned = new InboxTicket();
    const abandoned = new InboxTicket();
    const done = new InboxTicket();
    const discord = new InboxTicket();
    clock = new Date("2026-12-03T10:00:00Z");
    await inbox.record(abandoned, entry(), "before");
    await inbox.record(discord, entry(undefined, "discord"), "before");
    await inbox.record(done, entry(), "before");
    await bot.db.inboxCommand.update({ where: { id: done.id }, data: { state: "done" } });
    clock = new Date(clock.getTime() + LEASE_MS / 2);
    await inbox.record(owned, entry(), "before");

    clock = new Date(clock.getTime() + LEASE_MS / 2 + 1000);
    // The process that wrote them never claims its own (they wait their turn there, however long).
    expect(await inbox.claim("slack")).toEqual([]);
    // A process started since does.
    const restarted = new Inbox(bot.db, { leaseMs: LEASE_MS, now });
    const claimed = await restarted.claim("slack");
    expect(claimed.map((r) => r.id).sort()).toEqual([abandoned.id, done.id].sort());
    const rows = await bot.db.inboxCommand.findMany({ where: { id: { in: [abandoned.id, done.id] } } });
    for (const row of rows) {
      expect(row.attempts).toBe(1);
      expect(row.leaseUntil.getTime()).toBe(clock.getTime() + LEASE_MS);
      expect(row.state).toBe(row.id === done.id ? "done" : "running");
    }
    // Claimed now, so not again until that lease runs out.
    expect(await new Inbox(bot.db, { leaseMs: LEASE_MS, now }).claim("slack")).toEqual([]);
  });

  it("two processes claiming at once never take the same row", async () => {
    await bot.db.inboxCommand.deleteMany();
    clock = new Date("2026-12-03T11:00:00Z");
    const tickets = Array.from({ length: 40 }, () => new InboxTicket());
    await Promise.all(tickets.map((t) => inbox.record(t, entry(), "before")));
    clock = new Date(clock.getTime() + LEASE_MS + 1000);
    const one = new Inbox(bot.db, { leaseMs: LEASE_MS, now });
    const other = new Inbox(second.db, { leaseMs: LEASE_MS, now });
    const [a, b] = await Promise.all([one.claim("slack"), other.claim("slack")]);
    const ids = [...a, ...b].map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(tickets.map((t) => t.id).sort());
    const attempts = await bot.db.inboxCommand.findMany({ select: { attempts: true } });
    expect(attempts.every((r) => r.attempts === 1)).toBe(true);
  });

  it("a row marked done while it was being claimed stays done (its command is not run again)", async () => {
    await bot.db.inboxCommand.deleteMany();
    clock = new Date("2026-12-03T12:00:00Z");
    const ticket = new InboxTicket();
    await inbox.record(ticket, entry(), "before");
    clock = new Date(clock.getTime() + LEASE_MS + 1000);
    // The process that wrote it marks it done just after the claim read it.
    const read = bot.db.inboxCommand.findMany.bind(bot.db.inboxCommand);
    const spy = new Inbox(
      new Proxy(bot.db, {
        get(target, property) {
          if (property !== "inboxCommand") return Reflect.get(target, property);
          return new Proxy(target.inboxCommand, {
            get(model, name) {
              if (name !== "findMany") return Reflect.get(model, name);
              return async (args: Parameters<typeof read>[0]) => {
                const rows = await read(args);
                await bot.db.inboxCommand.update({ where: { id: ticket.id }, data: { state: "done" } });
                return rows;
              };
            },
          });
        },
      }),
      { leaseMs: LEASE_MS, now },
    );
    expect(await spy.claim("slack")).toEqual([]);
    expect(await stateOf(ticket.id)).toBe("done");
  });
});
