// After a restart, the commands a dead process acknowledged and did not answer: an adapter
// claims its platform's inbox rows whose lease ran out (src/db/inbox.ts) and, while the
// platform still takes an answer, runs each through the dispatcher and answers it once; a
// command too old to run, or whose work was saved but not answered, gets a short answer saying so.

import { errorReply, reply, type Reply } from "../../core/reply.ts";
import { InboxTicket, type Inbox, type InboxRow } from "../../db/inbox.ts";
import type { Logger } from "../../log.ts";

/** A command that stopped its process this many times is not run again. */
export const MAX_ATTEMPTS = 3;
/** Recovered commands answered at once (the dispatcher runs them in turns anyway). */
const WORKERS = 4;

export interface InboxRecovery {
  platform: string;
  /** How long the platform takes an answer after the acknowledgement (Slack's response URL: 30 minutes). */
  answerWindowMs: number;
  /** Older commands are answered "not done" instead of run, so their answer cannot come too late. */
  runCutoffMs: number;
  /** Runs the command with its ticket and answers it, unless `ticket.alreadyDone`. */
  run(row: InboxRow, ticket: InboxTicket): Promise<void>;
  /** Answers the command with this reply instead. */
  answer(row: InboxRow, reply: Reply): Promise<void>;
}

export interface RecoveryReport {
  ran: number;
  notDone: number;
  savedNotAnswered: number;
  expired: number;
  failed: number;
}

/** How a recovered command is named in its answer: its line, shortened. */
export const shownLine = (row: InboxRow) => (row.line.length <= 120 ? row.line : `${row.line.slice(0, 119)}…`);

export const notDoneReply = (row: InboxRow) =>
  errorReply(`Not done: the bot restarted before it could run \`${shownLine(row)}\`; please send it again.`, "not_done");

export const gaveUpReply = (row: InboxRow) =>
  errorReply(`Not done: the bot stopped ${row.attempts - 1} times while running \`${shownLine(row)}\`, so it was not tried again. The bot's operators can find the details in the logs.`, "not_done");

export const savedNotAnsweredReply = (row: InboxRow) =>
  reply(undefined, "ephemeral").text(`Done: \`${shownLine(row)}\` ran and its changes are saved; the bot restarted just after, so its result may not have been shown.`).build();

/**
 * Claims this platform's abandoned commands and runs or answers each; resolves when all are
 * through, or, once `stopping()` says so, when those begun are (the others are given back).
 */
export async function recoverInbox(inbox: Inbox, recovery: InboxRecovery, log: Logger, now: () => Date = () => new Date(), stopping: () => boolean = () => false): Promise<RecoveryReport> {
  const report: RecoveryReport = { ran: 0, notDone: 0, savedNotAnswered: 0, expired: 0, failed: 0 };
  const rows = await inbox.claim(recovery.platform);
  const next = rows[Symbol.iterator]();
  const left: string[] = [];
  const work = async () => {
    for (let item = next.next(); !item.done; item = next.next()) {
      if (stopping()) {
        left.push(item.value.id);
        continue;
      }
      const row = item.value;
      try {
        await recoverOne(row);
      } catch (error) {
        // Left claimed: its lease runs out, and the next start tries again.
        report.failed++;
        log.error({ err: error, command: row.command ?? row.line.split(" ")[0], workspace: `${row.platform}:${row.workspaceExternalId}` }, "recovered command failed");
      }
    }
  };

  async function recoverOne(row: InboxRow) {
    const age = now().getTime() - row.createdAt.getTime();
    if (age >= recovery.answerWindowMs) {
      // The platform takes no answer any more.
      report.expired++;
      log.warn({ workspace: `${row.platform}:${row.workspaceExternalId}`, state: row.state, ageSeconds: Math.round(age / 1000) }, "acknowledged command too old to answer");
    } else if (row.state === "done") {
      await recovery.answer(row, savedNotAnsweredReply(row));
      report.savedNotAnswered++;
    } else if (age >= recovery.runCutoffMs) {
      await recovery.answer(row, notDoneReply(row));
      report.notDone++;
    } else if (row.attempts > MAX_ATTEMPTS) {
      await recovery.answer(row, gaveUpReply(row));
      report.notDone++;
    } else {
      const ticket = new InboxTicket("before", row.id);
      await recovery.run(row, ticket);
      report.ran++;
      // Another run did it (and answers it, and deletes its row).
      if (ticket.alreadyDone) return;
    }
    inbox.forget(row.id, (error) => log.warn({ err: error }, "could not clear a recovered command from the inbox"));
  }

  await Promise.all(Array.from({ length: Math.min(WORKERS, rows.length) }, work));
  await inbox.release(left);
  if (rows.length > 0) log.info({ platform: recovery.platform, ...report }, "acknowledged commands recovered");
  return report;
}

export interface RecoveryLoop {
  /** No more sweeps, nor commands of the one running; resolves when those begun are answered. */
  stop(): Promise<void>;
}

/**
 * Sweeps at start and then every `everyMs` (the lease): a row is claimable only once its lease
 * has run out, so a process restarted within the lease (or a replica that outlives another)
 * finds it at a later sweep. `track` counts each sweep as work in flight.
 */
export function startInboxRecovery(
  inbox: Inbox,
  recovery: InboxRecovery,
  log: Logger,
  options: { everyMs: number; track: (work: () => Promise<unknown>) => Promise<unknown> },
): RecoveryLoop {
  let running: Promise<unknown> | null = null;
  let stopped = false;
  const sweep = () => {
    if (running) return;
    running = options
      .track(() => recoverInbox(inbox, recovery, log, undefined, () => stopped))
      .catch((error: unknown) => log.error({ err: error, platform: recovery.platform }, "recovering acknowledged commands failed"))
      .finally(() => (running = null));
  };
  sweep();
  const timer = setInterval(sweep, options.everyMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
