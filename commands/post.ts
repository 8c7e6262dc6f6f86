// /post: log what creators post with their metrics, update the metrics as they grow (each
// update a snapshot), list and remove posts. A creator (docs/roles.md) logs and updates only
// their own posts: the handle is implied, and another creator's handle, address or post is refused.

import { DateTime } from "luxon";
import { conflict, notFound, UserError } from "../src/core/errors.ts";
import type { NumberWriter } from "../src/core/format.ts";
import { opt } from "../src/core/options.ts";
import { reply, type Reply, type ReplyBuilder } from "../src/core/reply.ts";
import { checkCampaignDay } from "../src/core/campaign-day-check.ts";
import { action, defineCommand, type CommandContext } from "../src/core/spec.ts";

import { findCampaign, findCreator } from "../src/core/lookup.ts";
import type { LinkedCreator } from "../src/core/rights.ts";
import { handleKey } from "../src/core/values.ts";
import { engagementsOf, METRIC_NAMES, ratio, type MetricName, type PostMetrics } from "../src/domain/metrics.ts";
import { postOutliers } from "../src/domain/outliers.ts";
import { socialNetworkLabel } from "../src/domain/social-networks.ts";
import { formatOfUrl, handleInUrl, platformOfUrl, POST_FORMATS, postKey } from "../src/domain/post-urls.ts";
import type { Campaign, Creator, Post } from "../src/generated/prisma/client.ts";
import { postCounts, reviewDueAt } from "../src/domain/approval.ts";
import { startDayOf, waveForPost, wavesInWords } from "../src/domain/waves.ts";
import { creatorContact, reviewChannelOf } from "../src/db/post-approval.ts";
import { creatorNotice, decisionLine, outcomeMessage, reviewMessage, whenShown, type ReviewedPost } from "../src/reports/approval-messages.ts";

const metricOptions = {
  views: opt.count("Views or impressions"),
  likes: opt.count("Likes"),
  comments: opt.count("Comments"),
  shares: opt.count("Shares"),
  saves: opt.count("Saves"),
  clicks: opt.count("Link clicks"),
};

const urlOption = () => opt.url("Address of the post").require().atPosition();

/** The creator, campaign and wave a new post belongs to: as given, or the only ones that fit. */
async function resolveOwner(ctx: CommandContext, url: string, handle: string | undefined, campaignName: string | undefined, post: { postedDay: string; wave?: number }) {
  const workspaceId = ctx.workspace.id;
  const platform = platformOfUrl(url);
  let creator: Creator | null = handle ? await findCreator(ctx.db, workspaceId, handle) : null;
  const campaign: Campaign | null = campaignName ? await findCampaign(ctx.db, workspaceId, campaignName) : null;

  if (!creator) {
    const inUrl = handleInUrl(url);
    const byUrl = inUrl
      ? await ctx.db.creator.findFirst({
          where: { workspaceId, OR: [{ handleKey: inUrl }, { accounts: { some: { platform, handle: { equals: inUrl } } } }] },
        })
      : null;
    if (byUrl) creator = byUrl;
    else {
      const candidates = await ctx.db.enrolment.findMany({
        where: {
          workspaceId,
          ...(campaign ? { campaignId: campaign.id } : { campaign: { status: "active" } }),
          creator: { accounts: { some: { platform } } },
        },
        include: { creator: true },
        distinct: ["creatorId"],
        take: 11,
      });
      if (candidates.length !== 1) {
        throw new UserError("ambiguous", `Whose post is it? Give the handle: /post log ${url} @handle${campaign ? "" : " [campaign]"}`, {
          hints:
            candidates.length === 0
              ? [`No creator with a ${socialNetworkLabel(platform)} account is enrolled in ${campaign ? `"${campaign.name}"` : "an open campaign"}.`]
              : [`Candidates: ${candidates.slice(0, 10).map((e) => `@${e.creator.handle}`).join(", ")}${candidates.length > 10 ? ", …" : ""}.`],
        });
      }
      creator = candidates[0]!.creator;
    }
  }

  const account = await ctx.db.account.findUnique({ where: { creatorId_platform: { creatorId: creator.id, platform } } });
  if (!account) {
    throw new UserError("invalid_state", `@${creator.handle} has no ${socialNetworkLabel(platform)} account, and this post is on ${socialNetworkLabel(platform)}.`, {
      hints: [`Add it first: /creator account @${creator.handle} ${platform} <followers>`],
    });
  }

  let campaignId: number;
  if (campaign) {
    campaignId = campaign.id;
  } else {
    const open = await ctx.db.enrolment.findMany({ where: { creatorId: creator.id, campaign: { status: "active" } }, include: { campaign: true }, distinct: ["campaignId"] });
    if (open.length !== 1) {
      throw new UserError("ambiguous", `Which campaign? Give it: /post log ${url} @${creator.handle} "<campaign>"`, {
        hints:
          open.length === 0
            ? [`@${creator.handle} is not enrolled in any open campaign.`]
            : [`@${creator.handle} is in ${open.map((e) => `"${e.campaign.name}"`).join(", ")}.`],
      });
    }
    campaignId = open[0]!.campaignId;
  }
  const enrolment = await waveOfPost(ctx, creator, campaignId, url, campaign?.name, post);
  return { creator, account, enrolment, platform };
}

/**
 * The enrolment (wave) a new post of the creator in the campaign belongs to: the wave asked for,
 * or the one the rule of src/domain/waves.ts gives; when it reads two ways, the person is asked.
 */
async function waveOfPost(ctx: CommandContext, creator: Creator, campaignId: number, url: string, campaignName: string | undefined, post: { postedDay: string; wave?: number }) {
  const waves = await ctx.db.enrolment.findMany({
    where: { campaignId, creatorId: creator.id },
    include: { campaign: true, _count: { select: { posts: true } } },
    orderBy: { wave: "asc" },
  });
  if (waves.length === 0) {
    const name = campaignName ?? (await ctx.db.campaign.findUniqueOrThrow({ where: { id: campaignId } })).name;
    throw new UserError("invalid_state", `@${creator.handle} is not enrolled in "${name}".`, {
      hints: [`Enrol them first: /campaign enroll "${name}" @${creator.handle}`],
    });
  }
  const name = waves[0]!.campaign.name;
  if (post.wave !== undefined) {
    const asked = waves.find((e) => e.wave === post.wave);
    if (!asked) throw new UserError("invalid_option", `Invalid wave: @${creator.handle} is in ${wavesInWords(waves.map((e) => e.wave))} of "${name}", not wave ${post.wave}.`);
    return asked;
  }
  const zone = ctx.workspace.timeZone;
  const chosen = waveForPost(
    waves.map((e) => ({ wave: e.wave, startDay: startDayOf(e, zone), delivered: e._count.posts > 0 })),
    post.postedDay,
  );
  if ("ask" in chosen) {
    throw new UserError("ambiguous", `Which wave is this post for? @${creator.handle} is in ${wavesInWords(chosen.ask)} of "${name}" and has posted for none of them yet.`, {
      hints: [`Say it with wave:, e.g. /post log ${url} @${creator.handle} "${name}" wave:${chosen.ask.at(-1)}`],
    });
  }
  return waves.find((e) => e.wave === chosen.wave)!;
}

/** " (wave 2)" after the campaign's name when the creator is in more than one wave of it. */
async function waveLabel(ctx: CommandContext, enrolment: { campaignId: number; creatorId: number; wave: number }): Promise<string> {
  const waves = await ctx.db.enrolment.count({ where: { campaignId: enrolment.campaignId, creatorId: enrolment.creatorId } });
  return waves > 1 ? ` (wave ${enrolment.wave})` : "";
}

/**
 * The caller's own creator profile when they act as a creator (null for the team): what they log
 * and update must be theirs. A creator by Discord role alone, not linked yet, is told how to be.
 */
function ownCreator(ctx: CommandContext): LinkedCreator | null {
  if (ctx.role !== "creator") return null;
  if (!ctx.creator) {
    throw new UserError("not_allowed", "You are not linked to a creator profile here, so there are no posts of yours to log yet.", {
      hints: ["Ask for yours with /my claim <handle>; a team member accepts it with /creator link."],
    });
  }
  return ctx.creator;
}

const notYours = (what: string, own: LinkedCreator) =>
  new UserError("not_allowed", `${what} As a creator you log and update only your own posts, as @${own.handle}.`);

/** A creator's post address must not name another creator's account (tiktok.com/@tom/…). */
async function checkAddressIsOwn(ctx: CommandContext, url: string, own: LinkedCreator) {
  const inUrl = handleInUrl(url);
  if (!inUrl) return;
  const platform = platformOfUrl(url);
  const [byHandle, accounts] = await Promise.all([
    ctx.db.creator.findUnique({ where: { workspaceId_handleKey: { workspaceId: ctx.workspace.id, handleKey: inUrl } }, select: { id: true } }),
    ctx.db.account.findMany({ where: { workspaceId: ctx.workspace.id, platform }, select: { handle: true, creatorId: true } }),
  ]);
  const owners = new Set(accounts.filter((a) => a.handle.toLowerCase() === inUrl).map((a) => a.creatorId));
  // A handle registered as a creator counts only where no account says whose it is on this platform.
  if (owners.size === 0 && byHandle) owners.add(byHandle.id);
  if (owners.size > 0 && !owners.has(own.id)) throw notYours(`This address is another creator's account (@${inUrl}).`, own);
}

/** The post at this address in this workspace, however the address is written. */
async function findPost(ctx: CommandContext, url: string) {
  const post = await ctx.db.post.findUnique({
    where: { workspaceId_urlKey: { workspaceId: ctx.workspace.id, urlKey: postKey(url) } },
    include: { creator: true, campaign: true, account: true },
  });
  if (!post) throw notFound(`No post at ${url} has been logged in this workspace.`, [`Log it with /post log ${url} @handle`]);
  ctx.aboutCampaign(post.campaignId);
  return post;
}

/** When a post went up: now if today, else noon of that day in the workspace's zone. */
function postedAt(ctx: CommandContext, day: string | undefined): { postedAt: Date; postedDay: string } {
  const zone = ctx.workspace.timeZone;
  const today = DateTime.fromJSDate(ctx.now, { zone }).toISODate()!;
  if (!day || day === today) return { postedAt: ctx.now, postedDay: today };
  if (day > today) throw new UserError("invalid_option", `Invalid posted: ${day} is in the future (today is ${today} in ${zone}).`);
  return { postedAt: DateTime.fromISO(day, { zone }).set({ hour: 12 }).toJSDate(), postedDay: day };
}

function metricFields(numbers: NumberWriter, m: PostMetrics, followers: number) {
  const engagements = engagementsOf(m);
  return [
    { label: "Views", value: numbers.count(m.views) },
    { label: "Engagements", value: `${numbers.count(engagements)} (${numbers.count(m.likes)} likes, ${numbers.count(m.comments)} comments, ${numbers.count(m.shares)} shares, ${numbers.count(m.saves)} saves)` },
    { label: "Clicks", value: numbers.count(m.clicks) },
    { label: "Engagement rate", value: `${numbers.percent(ratio(engagements, followers))} of ${numbers.count(followers)} followers, ${numbers.percent(ratio(engagements, m.views))} of views` },
  ];
}

const forceOption = () => opt.boolean("Log it even outside the campaign's dates or on a closed campaign");

/** Metrics that are possible but more likely a slip are kept, and questioned in the reply. */
function questionOutliers(numbers: NumberWriter, r: ReplyBuilder, metrics: PostMetrics, followers: number) {
  for (const outlier of postOutliers(metrics, followers)) {
    r.note(
      outlier.kind === "engagement_rate"
        ? `Engagement rate ${numbers.percent(outlier.rate)}: ${numbers.count(outlier.engagements)} engagements from ${numbers.count(outlier.followers)} followers is over 100%. Check the counts; kept as logged.`
        : `More engagements (${numbers.count(outlier.engagements)}) than views (${numbers.count(outlier.views)}). Check the counts; kept as logged.`,
    );
  }
}

const metricsOf = (p: PostMetrics): PostMetrics => ({ views: p.views, likes: p.likes, comments: p.comments, shares: p.shares, saves: p.saves, clicks: p.clicks });

const log = action({
  name: "log",
  description: "Log a post with its metrics; the platform comes from the URL",
  role: "member",
  creators: "allowed",
  mutates: true,
  formWhenMissing: true,
  examples: ['/post log https://www.tiktok.com/@kate/video/123 views:12k likes:900 comments:40 disclosed:yes', '/post log https://youtu.be/abc kate "Spring Launch" views:3k posted:yesterday'],
  options: {
    url: urlOption(),
    handle: opt.handle("Creator (may be left out when only one fits)").atPosition(),
    campaign: opt.campaign("Campaign (may be left out when the creator is in one open campaign)").atPosition(),
    ...metricOptions,
    format: opt.choice("Format of the post", POST_FORMATS),
    disclosed: opt.boolean("Labelled as sponsored (#ad, paid partnership)"),
    posted: opt.day("Day it went up (default today)"),
    wave: opt.count("Which of the creator's waves it is for (asked only when it could be for two)", { min: 1, max: 100 }),
    force: forceOption(),
  },
  async run(ctx, input) {
    const own = ownCreator(ctx);
    if (own && input.handle !== undefined && handleKey(input.handle) !== handleKey(own.handle)) {
      throw notYours(`@${input.handle.replace(/^@/, "")} is not you.`, own);
    }
    const urlKey = postKey(input.url);
    const existing = await ctx.db.post.findUnique({
      where: { workspaceId_urlKey: { workspaceId: ctx.workspace.id, urlKey } },
      include: { creator: true, campaign: true },
    });
    if (existing && own && existing.creatorId !== own.id) throw notYours("This post is already logged, and not as yours.", own);
    if (own) await checkAddressIsOwn(ctx, input.url, own);
    if (existing) {
      throw conflict(`This post is already logged: @${existing.creator.handle} in "${existing.campaign.name}", posted ${existing.postedDay}.`, [
        `Update its metrics with /post update ${input.url} views:… likes:…`,
      ]);
    }
    const when = postedAt(ctx, input.posted);
    const { creator, account, enrolment, platform } = await resolveOwner(ctx, input.url, own ? own.handle : input.handle, input.campaign, { postedDay: when.postedDay, wave: input.wave });
    ctx.aboutCampaign(enrolment.campaignId);
    const outsideDates = checkCampaignDay(enrolment.campaign, when.postedDay, { kind: "post", option: "posted", force: input.force });
    const metrics: PostMetrics = { views: 0, likes: 0, comments: 0, shares: 0, saves: 0, clicks: 0 };
    for (const name of METRIC_NAMES) metrics[name] = input[name] ?? 0;
    const disclosed = input.disclosed ?? false;
    const post = await ctx.db.post.create({
      data: {
        workspaceId: ctx.workspace.id,
        campaignId: enrolment.campaignId,
        creatorId: creator.id,
        enrolmentId: enrolment.id,
        accountId: account.id,
        url: input.url,
        urlKey,
        platform,
        format: input.format ?? formatOfUrl(input.url),
        disclosed,
        ...when,
        ...metrics,
        createdById: ctx.member.id,
        snapshots: { create: { ...metrics, createdById: ctx.member.id, takenAt: ctx.now } },
      },
    });
    const r = reply(`Logged @${creator.handle}'s ${socialNetworkLabel(platform)} post in "${enrolment.campaign.name}"${await waveLabel(ctx, enrolment)}`, "channel")
      .fields([{ label: "Posted", value: post.postedDay }, ...metricFields(ctx.numbers, metrics, account.followers)]);
    if (outsideDates) r.note(outsideDates);
    questionOutliers(ctx.numbers, r, metrics, account.followers);
    if (!disclosed) r.note("Not marked as disclosed: a sponsored post needs #ad or a paid-partnership label. If it has one, add disclosed:yes with /post update.");
    return r.build();
  },
});

const update = action({
  name: "update",
  description: "New metrics for a post; metrics not given keep their latest value",
  role: "member",
  creators: "allowed",
  mutates: true,
  examples: [(n) => `/post update https://www.tiktok.com/@kate/video/123 views:25k likes:${n.typed("1.9")}k`],
  options: {
    url: urlOption(),
    ...metricOptions,
    format: opt.choice("Format of the post", POST_FORMATS),
    disclosed: opt.boolean("Labelled as sponsored (#ad, paid partnership)"),
    posted: opt.day("Day it went up"),
    draft: opt.boolean("Not live yet (no: it went up, and counts once approved)"),
    force: forceOption(),
  },
  async run(ctx, input) {
    const own = ownCreator(ctx);
    const post = await findPost(ctx, input.url);
    if (own && post.creatorId !== own.id) throw notYours("This post is not yours.", own);
    const given = METRIC_NAMES.filter((m) => input[m] !== undefined);
    if (given.length === 0 && input.disclosed === undefined && input.format === undefined && input.posted === undefined && input.draft === undefined) {
      throw new UserError("missing_option", "Nothing to update: give at least one of views:, likes:, comments:, shares:, saves:, clicks:, disclosed:, format:, posted:, draft:.");
    }
    const before = metricsOf(post);
    const after = { ...before };
    for (const name of given) after[name] = input[name as MetricName]!;
    const lower = given.filter((m) => after[m] < before[m]);
    const data: Partial<Post> = { ...after };
    if (input.disclosed !== undefined) data.disclosed = input.disclosed;
    if (input.format !== undefined) data.format = input.format;
    if (input.draft !== undefined) Object.assign(data, { draft: input.draft, counts: postCounts(post.campaign, { review: post.review, draft: input.draft }) });
    let outsideDates: string | null = null;
    if (input.posted !== undefined) {
      const when = postedAt(ctx, input.posted);
      outsideDates = checkCampaignDay(post.campaign, when.postedDay, { kind: "post", option: "posted", force: input.force });
      Object.assign(data, when);
    }
    await ctx.db.post.update({ where: { id: post.id }, data });
    if (given.length > 0) await ctx.db.metricSnapshot.create({ data: { postId: post.id, ...after, createdById: ctx.member.id, takenAt: ctx.now } });
    const r = reply(`Updated @${post.creator.handle}'s ${socialNetworkLabel(post.platform)} post in "${post.campaign.name}"`, "channel").fields(
      metricFields(ctx.numbers, after, post.account.followers),
    );
    if (outsideDates) r.note(outsideDates);
    questionOutliers(ctx.numbers, r, after, post.account.followers);
    for (const m of lower) r.note(`${m} went down from ${ctx.numbers.count(before[m])} to ${ctx.numbers.count(after[m])}; kept, since platforms do correct their counts.`);
    if (input.disclosed === true && !post.disclosed) r.note("Now marked as disclosed.");
    return r.build();
  },
});

const list = action({
  name: "list",
  description: "Posts, newest first, by campaign or creator, or only those without disclosure",
  role: "member",
  mutates: false,
  options: {
    campaign: opt.campaign("Only this campaign"),
    creator: opt.handle("Only this creator"),
    undisclosed: opt.boolean("Only posts without a sponsorship label"),
  },
  async run(ctx, input) {
    const campaign = input.campaign ? await findCampaign(ctx.db, ctx.workspace.id, input.campaign) : null;
    const creator = input.creator ? await findCreator(ctx.db, ctx.workspace.id, input.creator) : null;
    const where = {
      workspaceId: ctx.workspace.id,
      ...(campaign ? { campaignId: campaign.id } : {}),
      ...(creator ? { creatorId: creator.id } : {}),
      ...(input.undisclosed ? { disclosed: false } : {}),
    };
    const LIMIT = 50;
    const [total, posts] = await Promise.all([
      ctx.db.post.count({ where }),
      ctx.db.post.findMany({ where, include: { creator: true, campaign: true, account: true }, orderBy: [{ postedDay: "desc" }, { id: "desc" }], take: LIMIT }),
    ]);
    const r = reply(`Posts (${ctx.numbers.count(total)})${input.undisclosed ? ", without disclosure" : ""}`).table(
      [
        "posted",
        "creator",
        "platform",
        "campaign",
        { header: "views", align: "right" },
        { header: "engagements", align: "right" },
        { header: "ER", align: "right" },
        "disclosed",
        "url",
      ],
      posts.map((p) => {
        const engagements = engagementsOf(p);
        return [
          p.postedDay,
          `@${p.creator.handle}`,
          socialNetworkLabel(p.platform),
          p.campaign.name,
          ctx.numbers.count(p.views),
          ctx.numbers.count(engagements),
          ctx.numbers.percent(ratio(engagements, p.account.followers)),
          p.disclosed ? "yes" : "NO",
          p.url,
        ];
      }),
    );
    if (total > LIMIT) r.note(`Showing the newest ${LIMIT}; narrow with campaign: or creator:.`);
    return r.build();
  },
});

const remove = action({
  name: "remove",
  description: "Remove a logged post and its metric history",
  role: "admin",
  mutates: true,
  options: { url: urlOption() },
  async run(ctx, input) {
    const post = await findPost(ctx, input.url);
    await ctx.db.post.delete({ where: { id: post.id } });
    return reply(`Removed @${post.creator.handle}'s post from "${post.campaign.name}"`, "channel").text(post.url).build();
  },
});

// Content approval (docs/approval.md): a creator submits, the team approves or asks for changes,
// by button or typed command (each button is the command); deciding twice changes nothing.

/** A post of a campaign that asks for approval, with what its messages show. */
async function reviewed(ctx: CommandContext, url: string): Promise<ReviewedPost & { post: Post & { creator: Creator; campaign: Campaign } }> {
  const post = await findPost(ctx, url);
  if (!post.campaign.approval) {
    throw new UserError("invalid_state", `"${post.campaign.name}" does not ask for approval: its posts count once logged.`, {
      hints: [`Turn it on with /campaign update "${post.campaign.name}" approval:on`],
    });
  }
  const enrolment = await ctx.db.enrolment.findUniqueOrThrow({ where: { id: post.enrolmentId } });
  return { post, creator: post.creator, campaign: post.campaign, enrolment, timeZone: ctx.workspace.timeZone, numbers: ctx.numbers };
}

const submit = action({
  name: "submit",
  description: "Submit a post for the team's approval (campaigns with approval:on)",
  role: "member",
  // A creator submits their own posts (their linked profile); the team may submit for a creator.
  creators: "allowed",
  mutates: true,
  examples: ['/post submit https://www.tiktok.com/@kate/video/123 note:"Second take, with the code in the caption"', "/post submit https://www.instagram.com/p/Cx1 draft:yes"],
  options: {
    url: urlOption(),
    handle: opt.handle("Creator (a team member submitting for a creator; may be left out when only one fits)").atPosition(),
    campaign: opt.campaign("Campaign (may be left out when the creator is in one open campaign)").atPosition(),
    draft: opt.boolean("Not live yet: a draft to approve before it goes up"),
    note: opt.text("A note for the reviewers", 500),
    wave: opt.count("Which of the creator's waves it is for (asked only when it could be for two)", { min: 1, max: 100 }),
  },
  async run(ctx, input) {
    const urlKey = postKey(input.url);
    const existing = await ctx.db.post.findUnique({ where: { workspaceId_urlKey: { workspaceId: ctx.workspace.id, urlKey } }, include: { creator: true, campaign: true } });
    if (existing && existing.review !== "changes_requested") {
      ctx.aboutCampaign(existing.campaignId);
      ctx.changedNothing();
      const state = existing.review === "pending" ? `waiting for review since ${whenShown(existing.submittedAt ?? existing.createdAt, ctx.workspace.timeZone, ctx.now)}` : decisionLine(existing, ctx.workspace.timeZone, ctx.now);
      return reply(`Already submitted: @${existing.creator.handle}'s post in "${existing.campaign.name}"`).text(`${existing.url}: ${state}.`).note("Nothing was changed.").build();
    }
    const handle = ownHandle(ctx, input.handle);
    if (existing && ctx.role === "creator" && existing.creatorId !== ctx.creator?.id) throw notFound(`No post of yours at ${input.url}.`);
    const owner = existing ? null : await resolveOwner(ctx, input.url, handle, input.campaign, { postedDay: postedAt(ctx, undefined).postedDay, wave: input.wave });
    const campaign = existing?.campaign ?? owner!.enrolment.campaign;
    ctx.aboutCampaign(campaign.id);
    if (!campaign.approval) {
      throw new UserError("invalid_state", `"${campaign.name}" does not ask for approval: log the post with /post log ${input.url}`, {
        hints: [`To review posts first: /campaign update "${campaign.name}" approval:on`],
      });
    }
    const draft = input.draft ?? false;
    const review = {
      review: "pending" as const,
      draft,
      counts: postCounts(campaign, { review: "pending", draft }),
      submittedAt: ctx.now,
      submitNote: input.note ?? null,
      reviewDueAt: reviewDueAt(ctx.now, campaign.approvalDays),
      decidedAt: null,
      decidedByName: null,
      decisionNote: null,
      autoClaimedBy: null,
      autoLeaseUntil: null,
      // A new review message is posted; the one of the earlier submission keeps its outcome.
      reviewMessageRef: null,
    };
    const post = existing
      ? await ctx.db.post.update({ where: { id: existing.id }, data: review })
      : await ctx.db.post.create({
          data: {
            workspaceId: ctx.workspace.id,
            campaignId: campaign.id,
            creatorId: owner!.creator.id,
            enrolmentId: owner!.enrolment.id,
            accountId: owner!.account.id,
            url: input.url,
            urlKey,
            platform: owner!.platform,
            format: formatOfUrl(input.url),
            ...postedAt(ctx, undefined),
            createdById: ctx.member.id,
            ...review,
          },
        });
    const creator = existing?.creator ?? owner!.creator;
    const enrolment = await ctx.db.enrolment.findUniqueOrThrow({ where: { id: post.enrolmentId } });
    const r: ReviewedPost = { post, creator, campaign, enrolment, timeZone: ctx.workspace.timeZone, numbers: ctx.numbers };
    ctx.describeChange(`submitted ${post.url} (@${creator.handle}) for review${existing ? " again" : ""}`);
    const where = await reviewChannelOf(ctx.db, campaign);
    const out = reply(`Submitted for review: @${creator.handle}'s ${socialNetworkLabel(post.platform)} post in "${campaign.name}"`)
      .text(post.url)
      .fields([{ label: "Approved automatically", value: `${whenShown(post.reviewDueAt!, ctx.workspace.timeZone)} unless the team decides before` }]);
    if (where) {
      // Its reference is kept (reviewMessageRef) so that a decision, typed or automatic, updates it.
      out.deliver({ to: { channelId: where.channelId }, name: where.kind === "review" ? "the review channel" : "the digest channel", reply: reviewMessage(r, ctx.member.displayName), remember: { reviewMessageOf: post.id } });
      out.note(`The team reviews it in ${where.channelId === ctx.channelId ? "this channel" : `the ${where.kind} channel`}; you are told of the decision.`);
    } else {
      out.note(`"${campaign.name}" has no review channel yet: the team can approve with /post approve ${post.url} (set one with /campaign update "${campaign.name}" review-channel:here).`);
    }
    return out.build();
  },
});

/** The creator a submission is for: a creator's own linked profile (naming another is refused), or the handle a team member gives. */
function ownHandle(ctx: CommandContext, handle: string | undefined): string | undefined {
  if (ctx.role !== "creator") return handle;
  if (!ctx.creator) {
    throw new UserError("not_allowed", "Your account is not linked to a creator profile yet, so the bot cannot tell whose post this is.", { hints: ["Ask the team to link you (/creator link), or ask with /my claim <handle>."] });
  }
  if (handle && handle.replace(/^@/, "").toLowerCase() !== ctx.creator.handle.toLowerCase()) {
    throw new UserError("not_allowed", `You can submit only your own posts (@${ctx.creator.handle}).`);
  }
  return ctx.creator.handle;
}

/** Approve or request changes: once; deciding again answers what was decided. */
async function decide(ctx: CommandContext, url: string, decision: "approved" | "changes_requested", note: string | null, again = false): Promise<Reply> {
  const r = await reviewed(ctx, url);
  const { post } = r;
  if (post.review !== "pending") {
    ctx.changedNothing();
    const what = post.decidedAt ? decisionLine(post, ctx.workspace.timeZone, ctx.now) : "logged without review (it counts)";
    const b = reply(`Already decided: @${post.creator.handle}'s post in "${post.campaign.name}"`).text(`${post.url}: ${what}.`);
    if (post.review === "changes_requested" && decision === "approved") b.note(`Waiting for @${post.creator.handle} to submit it again (/post submit ${post.url}).`);
    return b.note("Nothing was changed.").build();
  }
  const data = {
    review: decision,
    counts: postCounts(post.campaign, { review: decision, draft: post.draft }),
    decidedAt: ctx.now,
    decidedByName: ctx.member.displayName,
    decisionNote: note,
    autoLeaseUntil: null,
  };
  // Only while it is still waiting: two clicks at once decide once.
  const changed = await ctx.db.post.updateMany({ where: { id: post.id, review: "pending" }, data });
  if (changed.count === 0 && !again) return decide(ctx, url, decision, note, true);
  const decided: ReviewedPost = { ...r, post: { ...post, ...data } };
  ctx.describeChange(`${decision === "approved" ? "approved" : "requested changes to"} ${post.url} (@${post.creator.handle})${note ? `: ${note}` : ""}`);
  const out = outcomeMessage(decided, ctx.now);
  out.deliveries = [];
  // The review message shows the decision and loses its buttons, however the decision was taken
  // (a click on that very message replaces it itself: src/platforms/shared/deliveries.ts).
  if (post.reviewMessageRef) out.deliveries.push({ to: { messageRef: post.reviewMessageRef }, name: "the review channel", reply: outcomeMessage(decided, ctx.now) });
  const contact = await creatorContact(ctx.db, post.creator);
  if (contact && contact.userId !== ctx.member.externalId) {
    out.deliveries.push({ to: { userId: contact.userId }, name: contact.linked ? `@${post.creator.handle}` : `${contact.name} (@${post.creator.handle}'s owner)`, reply: creatorNotice(decided, !contact.linked, ctx.now) });
  } else if (!contact) {
    out.notes.push(`@${post.creator.handle} has no linked person or owner to tell.`);
  }
  return out;
}

const approve = action({
  name: "approve",
  description: "Approve a submitted post: it counts in reports, and its fee is earned",
  role: "member",
  mutates: true,
  examples: ["/post approve https://www.tiktok.com/@kate/video/123"],
  options: { url: urlOption() },
  run: (ctx, input) => decide(ctx, input.url, "approved", null),
});

const requestChanges = action({
  name: "request-changes",
  description: "Send a submitted post back to its creator with a note",
  role: "member",
  mutates: true,
  examples: ['/post request-changes https://www.tiktok.com/@kate/video/123 note:"Add #ad in the first line"'],
  options: { url: urlOption(), note: opt.text("What to change", 500).require() },
  run: (ctx, input) => decide(ctx, input.url, "changes_requested", input.note),
});

export default defineCommand({
  name: "post",
  description: "Log creators' posts and their metrics; submit, approve, list and remove posts",
  actions: [log, update, list, remove, submit, approve, requestChanges],
});

