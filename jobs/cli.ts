// `npm run jobs -- --once [--at <ISO time>]`: runs the digests and deliverable reminders due at
// that moment and posts the order alerts waiting, prints one line per digest (posted, already
// posted, skipped empty, failed), per reminder sent or failed and per alert message, and exits;
// for teams with an external scheduler. Without --once it runs the scheduler alone, every minute.

import { parseArgs } from "node:util";
import { chartOptionsFromConfig } from "../src/charts/index.ts";
import { createLogger } from "../src/log.ts";
import { loadConfiguration, openCore, runEntryPoint } from "../src/startup.ts";
import { createDigestRunner, describeOutcome } from "./digest-runner.ts";
import { postersFor } from "./platform-posters.ts";
import { createReminderRunner, describeReminder } from "./reminder-runner.ts";
import { startDigestScheduler } from "./scheduler.ts";
import { createAlertRunner, describeAlert, startAlertScheduler } from "./alert-runner.ts";
import { createApprovalRunner } from "./approval-runner.ts";

const USAGE = "Usage: npm run jobs -- --once [--at <ISO time, e.g. 2026-12-01T09:00:00+01:00>]   (digests, reminders, approvals and order alerts due; without --once: run the scheduler)";

async function main(): Promise<number | null> {
  let args;
  try {
    args = parseArgs({ options: { once: { type: "boolean" }, at: { type: "string" }, help: { type: "boolean", short: "h" } } }).values;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const at = args.at ? new Date(args.at) : new Date();
  if (Number.isNaN(at.getTime())) {
    process.stderr.write(`--at: "${args.at}" is not a date and time.\n${USAGE}\n`);
    return 2;
  }
  if (args.at && !args.once) {
    process.stderr.write(`--at needs --once.\n${USAGE}\n`);
    return 2;
  }
  const config = loadConfiguration();
  const log = createLogger(args.once && config.LOG_LEVEL === "info" ? "warn" : config.LOG_LEVEL);
  const core = await openCore(config, log);
  const posters = await postersFor(config, log);
  const runner = createDigestRunner({ db: core.db, log, posters, charts: chartOptionsFromConfig(config), chartProcess: core.chartProcess, leaseMs: config.DIGEST_LEASE_SECONDS * 1000, afterBigJob: () => core.memory.soon() });
  const reminders = createReminderRunner({ db: core.db, log, posters, leaseMs: config.DIGEST_LEASE_SECONDS * 1000 });
  const approvals = createApprovalRunner({ db: core.db, log, posters, leaseMs: config.DIGEST_LEASE_SECONDS * 1000 });
  const alertRunner = createAlertRunner({ db: core.db, log, posters });
  if (!args.once) {
    const scheduler = startDigestScheduler(runner, log, { tickSeconds: config.DIGEST_TICK_SECONDS, reminders, also: [(at) => approvals.runDue(at)] });
    const alerts = startAlertScheduler(alertRunner, log);
    const stop = async () => {
      await Promise.all([scheduler.stop(), alerts.stop()]);
      await core.close();
      process.exit(0);
    };
    process.on("SIGTERM", () => void stop());
    process.on("SIGINT", () => void stop());
    log.info({ platforms: Object.keys(posters) }, "digest scheduler running");
    return null;
  }
  try {
    const outcomes = await runner.runDue(at);
    for (const o of await approvals.runDue(at)) if (o.status === "approved" || o.status === "failed") process.stdout.write(`post ${o.postId}: automatic approval ${o.status}${o.detail ? ` (${o.detail})` : ""}\n`);
    for (const o of outcomes) process.stdout.write(`${describeOutcome(o)}\n`);
    const sent = (await reminders.runDue(at)).filter((o) => o.status !== "already sent");
    for (const o of sent) process.stdout.write(`${describeReminder(o)}\n`);
    // The order alerts waiting (the minute's message per campaign), as the bot posts them every 15 seconds.
    const alerted = await alertRunner.runDue(at);
    for (const o of alerted) process.stdout.write(`${describeAlert(o)}\n`);
    if (outcomes.length === 0 && sent.length === 0 && alerted.length === 0) process.stdout.write(`nothing due at ${at.toISOString()}\n`);
    return [...outcomes, ...sent, ...alerted].some((o) => o.status === "failed") ? 1 : 0;
  } finally {
    await core.close();
  }
}

runEntryPoint("The job runner", main);
