// The team's home view (issue 23, a home view): what a team member looks at first. Deliverables
// due this week (with a Remind button each), money owed to creators (the /payout rows), and the
// latest weekly figures of each active campaign (the digest's own totals: campaignFigures and
// totalsFields over the period /digest now weekly covers), and posts awaiting approval (with an
// Approve button each). A linked creator's home is their /my (commands/home.ts).
// Shown in Slack's App Home tab, by /home in Discord (privately) and in the shell.

import { DateTime } from "luxon";
import { reply, type Reply, type ReplyAction, type ReplyBuilder } from "../core/reply.ts";
import type { CommandContext } from "../core/spec.ts";
import { payoutRows } from "../db/payouts.ts";
import { campaignFigures } from "../db/report-queries.ts";
import { thresholdsOf } from "../db/tier-thresholds.ts";
import { periodSoFar } from "../domain/digest-schedule.ts";
import { addDays } from "../domain/periods.ts";
import { totalsFields } from "./period-totals.ts";
import { currencyTotals } from "./payouts.ts";

/** At most this many lines a section, and Remind buttons (a home view has room for 100 blocks). */
const MAX_LINES = 15;
const MAX_BUTTONS = 5;
const MAX_CAMPAIGNS = 5;

export async function teamHome(ctx: CommandContext): Promise<Reply> {
  const r = reply(`Home: ${ctx.member.displayName}`, "ephemeral");
  const actions: ReplyAction[] = [];
  await dueThisWeek(ctx, r, actions);
  await awaitingApproval(ctx, r, actions);
  await moneyOwed(ctx, r);
  await latestFigures(ctx, r, actions);
  r.note("Updated when you open this tab and after your own commands; /home shows it anywhere.");
  const built = r.build();
  if (actions.length > 0) built.actions = actions;
  return built;
}

const todayOf = (ctx: CommandContext) => DateTime.fromJSDate(ctx.now, { zone: ctx.workspace.timeZone }).toISODate()!;

/** Enrolments of active campaigns due by the end of the next seven days (or overdue), without a post, not paused or ghosted. */
async function dueThisWeek(ctx: CommandContext, r: ReplyBuilder, actions: ReplyAction[]): Promise<void> {
  const today = todayOf(ctx);
  const weekEnd = addDays(today, 6);
  const due = await ctx.db.enrolment.findMany({
    where: { workspaceId: ctx.workspace.id, campaign: { status: "active" }, dueDate: { not: null, lte: weekEnd }, pausedAt: null, ghostedAt: null, posts: { none: {} } },
    include: { campaign: { select: { name: true } }, creator: { select: { handle: true, ownerId: true } } },
    orderBy: [{ dueDate: "asc" }, { id: "asc" }],
  });
  r.heading(`Deliverables due this week (${ctx.numbers.count(due.length)})`);
  if (due.length === 0) {
    r.text(`Nothing due by ${weekEnd} without a post.`);
    return;
  }
  r.list(
    due.slice(0, MAX_LINES).map((e) => {
      const when = e.dueDate! < today ? `due ${e.dueDate}, OVERDUE` : e.dueDate === today ? `due today` : `due ${e.dueDate}`;
      const yours = e.creator.ownerId === ctx.member.id ? " (yours)" : "";
      return `@${e.creator.handle}${yours}, "${e.campaign.name}": ${when}`;
    }),
  );
  if (due.length > MAX_LINES) r.text(`…and ${ctx.numbers.count(due.length - MAX_LINES)} more: /report shows them per campaign.`);
  for (const e of due.slice(0, MAX_BUTTONS)) actions.push({ command: `/campaign remind "${e.campaign.name}" @${e.creator.handle}`, label: `Remind @${e.creator.handle}`.slice(0, 75) });
}

/** Submitted posts waiting for a decision, in campaigns that ask for approval; oldest first. */
async function awaitingApproval(ctx: CommandContext, r: ReplyBuilder, actions: ReplyAction[]): Promise<void> {
  const where = { workspaceId: ctx.workspace.id, review: "pending" as const, campaign: { approval: true } };
  const [count, pending] = await Promise.all([
    ctx.db.post.count({ where }),
    ctx.db.post.findMany({
      where,
      include: { campaign: { select: { name: true } }, creator: { select: { handle: true } } },
      orderBy: [{ submittedAt: "asc" }, { id: "asc" }],
      take: MAX_LINES,
    }),
  ]);
  // Campaigns without approval have nothing to wait for: no section.
  if (count === 0 && !(await ctx.db.campaign.count({ where: { workspaceId: ctx.workspace.id, approval: true } }))) return;
  r.heading(`Posts awaiting approval (${ctx.numbers.count(count)})`);
  if (count === 0) {
    r.text("Nothing waiting for a decision.");
    return;
  }
  r.list(pending.map((p) => `@${p.creator.handle}, "${p.campaign.name}": ${p.url}${p.draft ? " (draft)" : ""}${p.reviewDueAt ? `, approved automatically ${DateTime.fromJSDate(p.reviewDueAt, { zone: ctx.workspace.timeZone }).toISODate()}` : ""}`));
  if (count > MAX_LINES) r.text(`…and ${ctx.numbers.count(count - MAX_LINES)} more.`);
  for (const p of pending.slice(0, MAX_BUTTONS)) actions.push({ command: `/post approve ${p.url}`, label: `Approve @${p.creator.handle}`.slice(0, 75), style: "primary" });
}

/** What creators are owed now, from the same rows as /payout list. */
async function moneyOwed(ctx: CommandContext, r: ReplyBuilder): Promise<void> {
  const owed = (await payoutRows(ctx.db, ctx.workspace, {})).filter((row) => row.owed > 0).sort((a, b) => b.owed - a.owed);
  r.heading("Money owed");
  if (owed.length === 0) {
    r.text("Nobody is owed anything.");
    return;
  }
  r.table(
    ["creator", "campaign", { header: "owed", align: "right" }],
    owed.slice(0, MAX_LINES).map((row) => [`@${row.handle}`, row.campaignName ?? "(campaign gone)", ctx.numbers.money(row.owed, row.currency)]),
  );
  r.fields([{ label: "Owed in all", value: currencyTotals(owed, ctx.numbers, "owed") }]);
  if (owed.length > MAX_LINES) r.text(`…and ${ctx.numbers.count(owed.length - MAX_LINES)} more: /payout list.`);
}

/** Each active campaign's last seven days against the seven before, as the weekly digest counts them. */
async function latestFigures(ctx: CommandContext, r: ReplyBuilder, actions: ReplyAction[]): Promise<void> {
  const campaigns = await ctx.db.campaign.findMany({ where: { workspaceId: ctx.workspace.id, status: "active" }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  r.heading("Latest figures, last seven days");
  if (campaigns.length === 0) {
    r.text("No active campaign.");
    return;
  }
  const period = periodSoFar("weekly", ctx.now, ctx.workspace.timeZone);
  const thresholds = thresholdsOf(ctx.workspace);
  for (const campaign of campaigns.slice(0, MAX_CAMPAIGNS)) {
    const current = await campaignFigures(ctx.db, campaign, period, thresholds, { lists: false });
    const previous = await campaignFigures(ctx.db, campaign, period.previous, thresholds, { lists: false });
    r.text(`"${campaign.name}", ${period.from}..${period.to}:`);
    r.fields(totalsFields(current.totals, previous.totals, campaign.currency, ctx.numbers));
  }
  if (campaigns.length > MAX_CAMPAIGNS) r.text(`…and ${ctx.numbers.count(campaigns.length - MAX_CAMPAIGNS)} more active campaigns: /report <campaign>.`);
  const first = campaigns[0]!;
  actions.push({ command: `/report "${first.name}"`, label: `Report: ${first.name}`.slice(0, 75) });
}
