// Digests while the shell is open (issue 19 item 11): `npm start` without tokens is the shell, so
// the shell runs the digest scheduler beside its prompt. Each digest of a local workspace is
// written as files (as `npm run jobs` writes them) and printed into the shell when it is posted;
// so is each deliverable reminder for a person.
// and the campaigns' order alerts (jobs/alert-runner.ts) are printed too.

import { createAlertRunner, startAlertScheduler } from "../../../jobs/alert-runner.ts";
import { createDigestRunner } from "../../../jobs/digest-runner.ts";
import { createReminderRunner } from "../../../jobs/reminder-runner.ts";
import { startDigestScheduler, type DigestScheduler } from "../../../jobs/scheduler.ts";
import type { RenderOptions } from "../../charts/types.ts";
import type { Core } from "../../core/core.ts";
import type { ChannelPoster } from "../../digest/delivery.ts";
import { localPoster } from "./poster.ts";
import { printable } from "./session.ts";

export interface ShellDigestOptions {
  core: Core;
  /** Where the digests' files go (OUT_DIR). */
  out: string;
  charts: RenderOptions;
  /** Prints into the open shell. */
  print: (text: string) => void;
  tickSeconds?: number;
  leaseMs?: number;
  now?: () => Date;
}

/** Starts the scheduler for the local workspaces; stop it when the shell closes. */
export function startShellDigests(options: ShellDigestOptions): DigestScheduler {
  const files = localPoster(options.out);
  const intoShell: ChannelPoster = {
    async post(target, reply) {
      await files.post(target, reply);
      // The files are written above; the text is shown as the shell shows any reply.
      const text = printable({ ...reply, files: [] }, options.out);
      options.print(`── Digest posted (${target.slug}, saved in ${options.out}/digests/) ──\n${text}`);
    },
    async sendPrivately(target, reply) {
      await files.sendPrivately!(target, reply);
      options.print(`── Reminder for ${target.userId} (saved in ${options.out}/reminders/) ──\n${printable({ ...reply, files: [] }, options.out)}`);
    },
  };
  const runner = createDigestRunner({
    db: options.core.db,
    log: options.core.log,
    posters: { local: intoShell },
    charts: options.charts,
    chartProcess: options.core.chartProcess,
    leaseMs: options.leaseMs,
    afterBigJob: () => options.core.memory.soon(),
  });
  const reminders = createReminderRunner({ db: options.core.db, log: options.core.log, posters: { local: intoShell }, leaseMs: options.leaseMs });
  const digests = startDigestScheduler(runner, options.core.log, { tickSeconds: options.tickSeconds, now: options.now, reminders });
  const alerts = startAlertScheduler(createAlertRunner({ db: options.core.db, log: options.core.log, posters: { local: shellAlertPoster(options.print, options.out) } }), options.core.log, {
    now: options.now,
  });
  return {
    async stop() {
      await Promise.all([digests.stop(), alerts.stop()]);
    },
  };
}

/** The local workspace's order alerts (/campaign update alerts:) are printed into the open shell. */
export function shellAlertPoster(print: (text: string) => void, out: string): ChannelPoster {
  return {
    async post(target, reply) {
      print(`── Order alerts (#${target.channelId}) ──\n${printable(reply, out)}`);
    },
  };
}
