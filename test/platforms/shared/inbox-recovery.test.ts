// What a starting adapter does with each abandoned inbox row (src/platforms/shared/inbox-recovery.ts):
// runs it while its answer can still arrive in time; answers "not done, please send it again"
// when it is too old to run, and "done" when its work was saved before the crash; gives up on
// a command that stopped the process again and again; drops what the platform no longer takes.

import { afterAll, beforeAll, expect, test } from "vitest";
import type { Reply } from "../../../src/core/reply.ts";
import { acknowledgementStore } from "../../../src/db/acknowledgement-store.ts";
import { Inbox, InboxTicket, type InboxRow } from "../../../src/db/inbox.ts";
import { silentLogger } from "../../../src/log.ts";
import { renderText } from "../../../src/render/text.ts";
import { MAX_ATTEMPTS, recoverInbox } from "../../../src/platforms/shared/inbox-recovery.ts";
import { startTestBot, type TestBot } from "../../helpers/core.ts";
import { inboxEntry as entry } from "../../helpers/inbox-entry.ts";

const MINUTE = 60_000;
let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(() => bot?.close());

test("each abandoned command is run, answered 'not done', answered 'done', or dropped, by its age and state", async () => {
  let clock = new Date("2026-12-03T10:00:00Z");
  const now = () => clock;
  const inbox = new Inbox(bot.db, { leaseMs: MINUTE, now });
  const at = async (minutesAgo: number, line: string, change: Partial<InboxRow> = {}, doneMark = false) => {
    clock = new Date(Date.parse("2026-12-03T10:00:00Z") - minutesAgo * MINUTE);
    const ticket = new InboxTicket();
    await inbox.record(ticket, entry(line));
    if (Object.keys(change).length > 0) await acknowledgementStore(bot.db).update(ticket.id, change);
    // Its run committed: the mark its transaction wrote in the main database.
    if (doneMark) await bot.db.inboxDone.create({ data: { id: ticket.id, doneAt: clock } });
  };
  await at(2, "/code redeem FRESH $1");
  await at(26, "/code redeem OLD $1");
  await at(3, "/code redeem SAVED $1", {}, true);
  await at(3, "/code redeem SAVED-BY-AN-OLDER-VERSION $1", { state: "done" });
  await at(31, "/code redeem GONE $1");
  await at(4, "/code redeem POISON $1", { attempts: MAX_ATTEMPTS });
  clock = new Date("2026-12-03T10:00:00Z");
  // The lease of each has run out (a minute after it was written), and no process of this one holds them.
  const fresh = new Inbox(bot.db, { leaseMs: MINUTE, now });

  const ran: string[] = [];
  const answered: Array<[string, string]> = [];
  const report = await recoverInbox(
    fresh,
    {
      platform: "slack",
      answerWindowMs: 30 * MINUTE,
      runCutoffMs: 25 * MINUTE,
      run: async (row) => void ran.push(row.line),
      answer: async (row: InboxRow, reply: Reply) => void answered.push([row.line, renderText(reply)]),
    },
    silentLogger(),
    now,
  );
  await fresh.idle();

  expect(ran).toEqual(["/code redeem FRESH $1"]);
  expect(Object.fromEntries(answered)).toEqual({
    "/code redeem OLD $1": expect.stringContaining("Not done: the bot restarted before it could run `/code redeem OLD $1`; please send it again."),
    "/code redeem SAVED $1": expect.stringContaining("`/code redeem SAVED $1` ran and its changes are saved"),
    "/code redeem SAVED-BY-AN-OLDER-VERSION $1": expect.stringContaining("ran and its changes are saved"),
    "/code redeem POISON $1": expect.stringContaining(`Not done: the bot stopped ${MAX_ATTEMPTS} times while running \`/code redeem POISON $1\``),
  });
  expect(report).toEqual({ ran: 1, notDone: 2, savedNotAnswered: 2, expired: 1, failed: 0 });
  // All handled, so none is left for the next start.
  expect(await acknowledgementStore(bot.db).rows()).toEqual([]);
  // And their done marks with them.
  expect(await bot.db.inboxDone.count()).toBe(0);
});
