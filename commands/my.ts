// /my: a creator's own corner, always private (ephemeral in Slack and Discord). `/my` shows the
// linked creator's campaigns with their terms, deliverables due and overdue, codes and tracking
// links with their orders and revenue, posts with their latest metrics, and their earnings
// (the rows of /payout list for them: docs/payouts.md); `/my codes`, `/my posts` and
// `/my earnings [period:]` are narrower views. `/my claim <handle>` asks the
// team to link the caller to a creator profile (a team member accepts with /creator link).
// Only the caller's own profile is ever read here: nothing of another creator.
// Slack reserves /me and /join, hence /my (docs/roles.md).

import { DateTime } from "luxon";
import { UserError } from "../src/core/errors.ts";
import { creatorNotFound } from "../src/core/lookup.ts";
import { opt } from "../src/core/options.ts";
import { reply, type Reply, type ReplyBuilder } from "../src/core/reply.ts";
import type { LinkedCreator } from "../src/core/rights.ts";
import { action, defineCommand, type CommandContext } from "../src/core/spec.ts";
import { handleKey } from "../src/core/values.ts";
import { payoutRows } from "../src/db/payouts.ts";
import { engagementsOf, ratio } from "../src/domain/metrics.ts";
import { parsePeriod, resolvePeriod, type PeriodSpec } from "../src/domain/periods.ts";
import { earningsSection as earningsRows } from "../src/reports/payouts.ts";
import { socialNetworkLabel } from "../src/domain/social-networks.ts";
import { postedItAction } from "../src/reports/reminder-message.ts";

/** The views of /my besides the whole of it; "claim" asks to be linked. */
export const MY_VIEWS = ["codes", "posts", "earnings", "claim"] as const;
type View = (typeof MY_VIEWS)[number];

export const NOT_LINKED = "You are not linked to a creator profile here.";
const HOW_TO_CLAIM = "Ask for yours with /my claim <handle> (your creator handle); a team member accepts it with /creator link.";

const my = action({
  name: "",
  description: "Your own campaigns, terms, codes, posts and orders, privately; /my claim <handle> to be linked",
  role: "member",
  creators: "allowed",
  mutates: false,
  examples: ["/my", "/my codes", "/my posts", "/my earnings period:30d", "/my claim @kate"],
  options: {
    view: opt.choice("Only part of it, or claim to ask to be linked", MY_VIEWS).atPosition(),
    handle: opt.accountHandle("With claim: your creator handle, e.g. @kate").atPosition(),
    period: opt.custom<PeriodSpec>("With earnings: 7d, 30d, all (default) or 2026-12-01..2026-12-14", "7d, 30d, all or a range like 2026-12-01..2026-12-14", (raw) => parsePeriod(raw), 30),
  },
  async run(ctx, input) {
    if (input.view === "claim") return claim(ctx, input.handle);
    if (input.handle !== undefined) {
      throw new UserError("invalid_option", `${input.view ? `/my ${input.view}` : "/my"} shows only your own profile: leave out @${input.handle}.`, {
        hints: ["To ask to be linked to a creator profile: /my claim <handle>."],
      });
    }
    if (input.period !== undefined && input.view !== "earnings") {
      throw new UserError("invalid_option", "period: goes with /my earnings: /my earnings period:30d.");
    }
    const creator = ctx.creator;
    if (!creator) {
      const pending = await ctx.db.creatorClaim.findUnique({ where: { memberId: ctx.member.id }, include: { creator: { select: { handle: true } } } });
      throw new UserError("not_found", NOT_LINKED, {
        hints: [pending ? `You asked to be linked to @${pending.creator.handle}; a team member accepts it with /creator link @${pending.creator.handle} <you>.` : HOW_TO_CLAIM],
      });
    }
    return show(ctx, creator, input.view, input.period);
  },
});

/** The whole of /my for a linked creator: their home view too (commands/home.ts). */
export const myWhole = (ctx: CommandContext, creator: LinkedCreator) => show(ctx, creator, undefined, undefined);

const TITLES: Record<Exclude<View, "claim">, string> = { codes: "your codes and links", posts: "your posts", earnings: "your earnings" };

async function show(ctx: CommandContext, creator: LinkedCreator, view: Exclude<View, "claim"> | undefined, period: PeriodSpec | undefined): Promise<Reply> {
  const r = reply(`@${creator.handle}: ${view ? TITLES[view] : "your campaigns"}`, "ephemeral");
  if (!view) await campaignsSection(ctx, creator, r);
  if (!view || view === "codes") await codesSection(ctx, creator, r);
  if (!view || view === "posts") await postsSection(ctx, creator, r);
  if (!view || view === "earnings") await earningsSection(ctx, creator, r, period);
  return r.build();
}

/** At most this many I posted it buttons (the soonest due first). */
const MAX_POSTED_BUTTONS = 5;

/** Each campaign they are enrolled in, with its terms; then what is due and overdue, each with I posted it. */
async function campaignsSection(ctx: CommandContext, creator: LinkedCreator, r: ReplyBuilder) {
  const enrolments = await ctx.db.enrolment.findMany({
    where: { workspaceId: ctx.workspace.id, creatorId: creator.id },
    include: { campaign: true, _count: { select: { posts: true } } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  // One row per enrolment: a creator in two waves of a campaign has two, each with its terms and posts.
  r.heading("Campaigns");
  if (enrolments.length === 0) {
    r.text("You are not enrolled in any campaign yet.");
    return;
  }
  r.table(
    ["campaign", { header: "wave", align: "right" }, "status", { header: "fee", align: "right" }, { header: "product", align: "right" }, { header: "commission", align: "right" }, { header: "per order", align: "right" }, "due", { header: "posts", align: "right" }],
    enrolments.map((e) => [
      e.campaign.name,
      String(e.wave),
      e.campaign.status,
      ctx.numbers.money(e.fee, e.campaign.currency),
      ctx.numbers.money(e.productCost, e.campaign.currency),
      ctx.numbers.bps(e.commissionBps),
      ctx.numbers.money(e.perOrder, e.campaign.currency),
      e.dueDate ?? "",
      ctx.numbers.count(e._count.posts),
    ]),
  );
  const today = DateTime.fromJSDate(ctx.now, { zone: ctx.workspace.timeZone }).toISODate()!;
  const open = enrolments.filter((e) => e.campaign.status === "active" && e._count.posts === 0 && e.dueDate);
  r.heading("Deliverables");
  if (open.length === 0) {
    r.text("Nothing due: every open campaign with a due date has a post of yours.");
    return;
  }
  open.sort((a, b) => a.dueDate!.localeCompare(b.dueDate!));
  const waved = (e: (typeof open)[number]) => (enrolments.some((o) => o.campaignId === e.campaignId && o.id !== e.id) ? ` (wave ${e.wave})` : "");
  r.list(open.map((e) => `"${e.campaign.name}"${waved(e)}: a post due ${e.dueDate}${e.dueDate! < today ? ", OVERDUE" : e.dueDate === today ? ", today" : ""} (log it with /post log <url>)`));
  // The same button their reminders carry: a form asks the address, then the post is logged.
  const several = open.length > 1;
  for (const e of open.slice(0, MAX_POSTED_BUTTONS)) {
    const wave = waved(e) ? e.wave : undefined;
    r.action(postedItAction(creator.handle, e.campaign.name, several ? `I posted it: ${e.campaign.name}${wave ? ` (wave ${wave})` : ""}` : "I posted it", wave));
  }
}

/** Their codes and tracking links, each with its orders and revenue; the totals per currency. */
async function codesSection(ctx: CommandContext, creator: LinkedCreator, r: ReplyBuilder) {
  const codes = await ctx.db.code.findMany({
    where: { workspaceId: ctx.workspace.id, creatorId: creator.id },
    include: { campaign: { select: { name: true, currency: true } } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  r.heading("Codes and links");
  if (codes.length === 0) {
    r.text("No codes or tracking links yet.");
    return;
  }
  r.table(
    ["code or link", "campaign", { header: "discount", align: "right" }, { header: "orders", align: "right" }, { header: "revenue", align: "right" }],
    codes.map((c) => [
      c.kind === "code" ? c.code! : c.url!,
      c.campaign.name,
      c.discountBps ? ctx.numbers.bps(c.discountBps) : "",
      ctx.numbers.count(c.orders),
      ctx.numbers.money(c.revenue, c.campaign.currency),
    ]),
  );
  const totals = new Map<string, { orders: number; revenue: number }>();
  for (const c of codes) {
    const t = totals.get(c.campaign.currency) ?? { orders: 0, revenue: 0 };
    t.orders += c.orders;
    t.revenue += c.revenue;
    totals.set(c.campaign.currency, t);
  }
  r.fields(
    [...totals].map(([currency, t]) => ({
      label: totals.size > 1 ? `Orders and revenue (${currency})` : "Orders and revenue",
      value: `${ctx.numbers.count(t.orders)} order${t.orders === 1 ? "" : "s"}, ${ctx.numbers.money(t.revenue, currency)}`,
    })),
  );
}

const POSTS_SHOWN = 25;

/** Their posts, newest first, with the latest metrics. */
async function postsSection(ctx: CommandContext, creator: LinkedCreator, r: ReplyBuilder) {
  const where = { workspaceId: ctx.workspace.id, creatorId: creator.id };
  const [total, posts] = await Promise.all([
    ctx.db.post.count({ where }),
    ctx.db.post.findMany({
      where,
      include: { campaign: { select: { name: true } }, account: { select: { followers: true } } },
      orderBy: [{ postedDay: "desc" }, { id: "desc" }],
      take: POSTS_SHOWN,
    }),
  ]);
  r.heading(`Posts (${ctx.numbers.count(total)})`);
  if (total === 0) {
    r.text("No posts logged yet: log one with /post log <url> views:… likes:…");
    return;
  }
  r.table(
    ["posted", "campaign", "platform", { header: "views", align: "right" }, { header: "engagements", align: "right" }, { header: "ER", align: "right" }, { header: "clicks", align: "right" }, "url"],
    posts.map((p) => {
      const engagements = engagementsOf(p);
      return [
        p.postedDay,
        p.campaign.name,
        socialNetworkLabel(p.platform),
        ctx.numbers.count(p.views),
        ctx.numbers.count(engagements),
        ctx.numbers.percent(ratio(engagements, p.account.followers)),
        ctx.numbers.count(p.clicks),
        p.url,
      ];
    }),
  );
  if (total > POSTS_SHOWN) r.note(`Showing your newest ${POSTS_SHOWN} posts.`);
  r.note("Update a post's metrics with /post update <url> views:… likes:…");
}

/**
 * Fees and commission earned, paid so far and owed now, per campaign and per currency: their own
 * rows of /payout list (src/db/payouts.ts), so the two agree to the cent. With a period other
 * than all, earned and paid are the period's; owed stays all-time.
 */
async function earningsSection(ctx: CommandContext, creator: LinkedCreator, r: ReplyBuilder, spec: PeriodSpec | undefined) {
  const today = DateTime.fromJSDate(ctx.now, { zone: ctx.workspace.timeZone }).toISODate()!;
  const period = spec && spec.kind !== "all" ? resolvePeriod(spec, today, null) : null;
  const rows = await payoutRows(ctx.db, ctx.workspace, { creatorId: creator.id }, period ?? undefined);
  earningsRows(r, rows, ctx.numbers, period?.label ?? null);
}

/** /my claim <handle>: asks the team to link the caller to that creator profile. */
async function claim(ctx: CommandContext, handle: string | undefined) {
  if (!handle) throw new UserError("missing_option", "Which creator profile is yours? /my claim <handle>, e.g. /my claim @kate.");
  if (ctx.creator) {
    throw new UserError("invalid_state", `You are already linked to @${ctx.creator.handle}.`, {
      hints: [`If that is wrong, ask a team member to /creator unlink @${ctx.creator.handle}.`],
    });
  }
  const creator = await ctx.db.creator.findUnique({
    where: { workspaceId_handleKey: { workspaceId: ctx.workspace.id, handleKey: handleKey(handle) } },
    include: { link: { select: { id: true } } },
  });
  if (!creator) {
    // Handles are what people go by in public; the roster's look-alikes help a typo.
    throw await creatorNotFound(ctx.db, ctx.workspace.id, handle);
  }
  if (creator.link) {
    throw new UserError("invalid_state", `@${creator.handle} is already linked to someone.`, {
      hints: ["If it is yours, ask a team member: they can /creator unlink it and link you."],
    });
  }
  await ctx.db.creatorClaim.upsert({
    where: { memberId: ctx.member.id },
    create: { workspaceId: ctx.workspace.id, memberId: ctx.member.id, creatorId: creator.id, createdAt: ctx.now },
    update: { creatorId: creator.id, createdAt: ctx.now },
  });
  ctx.describeChange(`${ctx.member.displayName} asked to be linked to @${creator.handle}`);
  return reply(`Asked to be linked to @${creator.handle}`, "ephemeral")
    .text(`A team member must accept it: /creator link @${creator.handle} <you>. Until then you cannot see @${creator.handle}'s campaigns here.`)
    .note("The team sees waiting claims with /creator list.")
    .build();
}

export default defineCommand({
  name: "my",
  description: "Your own campaigns, codes, posts and orders, privately (creators); /my claim to be linked",
  actions: [my],
});
