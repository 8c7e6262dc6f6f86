// The inbox of acknowledged commands (src/db/inbox.ts), on SQLite (rows in the side file, done
// marks in the main file) and (with TEST_DATABASE_URL) PostgreSQL: a command's done mark is
// written in the command's own transaction, so a second run of it (a restarted process, another
// replica) writes nothing; a failed command leaves its row to be run again; a starting process
// claims only rows whose lease ran out, and two processes claiming at once never get the same row.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Caller } from "../../src/core/dispatch.ts";
import { acknowledgementStore } from "../../src/db/acknowledgement-store.ts";
import { doneMarks, Inbox, InboxTicket } from "../../src/db/inbox.ts";
import { recoverInbox } from "../../src/platforms/shared/inbox-recovery.ts";
import { silentLogger } from "../../src/log.ts";
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
const store = () => acknowledgementStore(bot.db);
/** What a restart would find of a command's row: nothing, "done" (its run committed), or its state. */
async function stateOf(id: string) {
  const [row] = await store().rows([id]);
  if (!row) return undefined;
  return row.state === "done" || (await doneMarks(bot.db, [id])).has(id) ? "done" : row.state;
}
const clearInbox = async () => store().deleteRows((await store().rows()).map((r) => r.id));

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
    expect(await doneMarks(bot.db, [late.id])).toEqual(new Set([late.id]));
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
    // and not committed yet when the command's transaction comes to seal it.
    let commit!: () => void;
    const committing = new Promise<void>((resolve) => (commit = resolve));
    const inserted = new Promise<void>((resolve, reject) => {
      void second.db
        .$transaction(async (tx) => {
          await tx.inboxCommand.create({ data: { ...ticket.entry!, id: ticket.id, state: "pending", attempts: 0, leaseUntil: ticket.leaseUntil, createdAt: ticket.createdAt } });
          resolve();
          await committing;
        }, { timeout: 120_000 })
        .catch(reject);
    });
    await inserted;
    // Its done mark is a row of its own (InboxDone): the command does not wait for the row's write.
    const reply = await runWith(ws, "/code redeem KATE15 $6", ticket);
    commit();
    expect(reply.status, JSON.stringify(reply)).toBe("ok");
    await expect.poll(() => stateOf(ticket.id)).toBe("done");
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
    await clearInbox();
    const owned = new InboxTicket();
    const abandoned = new InboxTicket();
    const done = new InboxTicket();
    const discord = new InboxTicket();
    clock = new Date("2026-12-03T10:00:00Z");
    await inbox.record(abandoned, entry(), "before");
    await inbox.record(discord, entry(undefined, "discord"), "before");
    await inbox.record(done, entry(), "before");
    await bot.db.inboxDone.create({ data: { id: done.id, doneAt: clock } });
    clock = new Date(clock.getTime() + LEASE_MS / 2);
    await inbox.record(owned, entry(), "before");

    clock = new Date(clock.getTime() + LEASE_MS / 2 + 1000);
    // The process that wrote them never claims its own (they wait their turn there, however long).
    expect(await inbox.claim("slack")).toEqual([]);
    // A process started since does.
    const restarted = new Inbox(bot.db, { leaseMs: LEASE_MS, now });
    const claimed = await restarted.claim("slack");
    expect(claimed.map((r) => r.id).sort()).toEqual([abandoned.id, done.id].sort());
    for (const row of claimed) expect(row.state).toBe(row.id === done.id ? "done" : "running");
    const rows = await store().rows([abandoned.id, done.id]);
    for (const row of rows) {
      expect(row.attempts).toBe(1);
      expect(row.leaseUntil.getTime()).toBe(clock.getTime() + LEASE_MS);
    }
    // Claimed now, so not again until that lease runs out.
    expect(await new Inbox(bot.db, { leaseMs: LEASE_MS, now }).claim("slack")).toEqual([]);
  });

  it("two processes claiming at once never take the same row", async () => {
    await clearInbox();
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
    const attempts = await store().rows();
    expect(attempts.every((r) => r.attempts === 1)).toBe(true);
  });

  it("a command whose run commits after its row was claimed is not run again by the claimer", async () => {
    await clearInbox();
    const ws = await workspace();
    clock = new Date("2026-12-03T12:00:00Z");
    const ticket = new InboxTicket();
    await inbox.record(ticket, entry(), "before");
    clock = new Date(clock.getTime() + LEASE_MS + 1000);
    const [claimed] = await new Inbox(bot.db, { leaseMs: LEASE_MS, now }).claim("slack");
    expect(claimed?.state).toBe("running");
    // The process that wrote it was slow, not dead: its run commits now.
    expect((await runWith(ws, "/code redeem KATE15 $8", ticket)).status).toBe("ok");
    // The claimer's run finds the done mark and rolls back.
    const again = new InboxTicket("before", ticket.id);
    await runWith(ws, "/code redeem KATE15 $8", again);
    expect(again.alreadyDone).toBe(true);
    expect((await redemptions(ws.id)).filter((r) => r.revenue === 800)).toHaveLength(1);
  });
});

describe("exactly once across the inbox's store and the main database", () => {
  it("a crash after the command's commit and before its answer: the restart answers it and does not run it again", async () => {
    await clearInbox();
    const ws = await workspace();
    clock = new Date();
    const ticket = new InboxTicket();
    await inbox.record(ticket, entry("/code redeem KATE15 $9"), "before");
    expect((await runWith(ws, "/code redeem KATE15 $9", ticket)).status).toBe("ok");
    // The process dies here: its row is left (not yet answered), with the done mark its transaction wrote.
    const [row] = await store().rows([ticket.id]);
    expect(row?.state).toBe("pending");
    clock = new Date(clock.getTime() + LEASE_MS + 1000);
    const restarted = new Inbox(bot.db, { leaseMs: LEASE_MS, now });
    const ran: string[] = [];
    const answered: string[] = [];
    const report = await recoverInbox(
      restarted,
      {
        platform: "slack",
        answerWindowMs: 30 * 60_000,
        runCutoffMs: 25 * 60_000,
        run: async (r, t) => {
          ran.push(r.line);
          await runWith(ws, r.line, t);
        },
        answer: async (r) => void answered.push(r.line),
      },
      silentLogger(),
      now,
    );
    await restarted.idle();
    expect(ran).toEqual([]);
    expect(answered).toEqual(["/code redeem KATE15 $9"]);
    expect(report.savedNotAnswered).toBe(1);
    expect((await redemptions(ws.id)).filter((r) => r.revenue === 900)).toHaveLength(1);
    // Answered: the row and its mark are gone.
    expect(await store().rows([ticket.id])).toEqual([]);
    expect(await doneMarks(bot.db, [ticket.id])).toEqual(new Set());
  });
});

describe.skipIf(onPostgres)("upgrading to the SQLite side file", () => {
  it("rows an older version left in the main file's inbox are moved to the side file at start, and recovered from there", async () => {
    const old = await startTestBot();
    const ticket = new InboxTicket();
    const e = entry("/code redeem KATE15 $2");
    await old.db.inboxCommand.create({ data: { ...e, id: ticket.id, state: "pending", attempts: 0, leaseUntil: new Date(Date.now() - 1000), createdAt: new Date() } });
    // The new version starts on that file.
    const upgraded = await startTestBot({ url: old.url });
    try {
      expect(await upgraded.db.inboxCommand.count()).toBe(0);
      const claimed = await new Inbox(upgraded.db, { leaseMs: LEASE_MS }).claim("slack");
      expect(claimed.map((r) => [r.id, r.line, r.replyTo])).toEqual([[ticket.id, "/code redeem KATE15 $2", e.replyTo]]);
    } finally {
      await upgraded.close();
      await old.close();
    }
  });
});
