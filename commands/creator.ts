// /creator: register creators with their platform accounts, change details, show and list the
// roster (with the claims waiting to be linked), link a person to a creator profile and unlink
// them (docs/roles.md), remove a creator.

import { conflict, UserError } from "../src/core/errors.ts";
import { opt } from "../src/core/options.ts";
import { reply, type ReplyBuilder } from "../src/core/reply.ts";
import { action, defineCommand, type CommandContext } from "../src/core/spec.ts";
import { handleKey } from "../src/core/values.ts";
import { thresholdsOf } from "../src/db/tier-thresholds.ts";
import { creatorNotFound, findCampaign, findCreator, findOrCreateMember, memberToLink } from "../src/core/lookup.ts";
import { creatorCommandList } from "../src/core/rights.ts";
import { SOCIAL_NETWORKS, socialNetworkLabel } from "../src/domain/social-networks.ts";
import { lookAlikeDifference, lookAlikeOf, normalHandleKey } from "../src/domain/look-alike-handles.ts";
import { creatorTier, TIERS } from "../src/domain/tiers.ts";
import { CREATOR_STATUSES } from "../src/domain/vocabularies.ts";

const handle = () => opt.handle().require().atPosition();
const platform = () => opt.choice("Platform of the account", SOCIAL_NETWORKS).require().atPosition();
const followers = () => opt.count("Followers on that platform", { max: 5_000_000_000 }).require().atPosition();
const details = {
  niche: opt.text("What they make content about, e.g. \"kettlebell training\"", 100),
  email: opt.text("Contact email", 200),
  owner: opt.person("Team member who owns the relationship"),
  status: opt.choice("Relationship status", CREATOR_STATUSES),
  notes: opt.text("Free notes", 1000),
};

function checkEmail(email: string | undefined) {
  if (email !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    throw new UserError("invalid_option", `Invalid email: "${email}" is not an email address. Expected something like kate@example.com.`);
  }
}

async function tierLine(ctx: CommandContext, creatorId: number) {
  const accounts = await ctx.db.account.findMany({ where: { creatorId }, orderBy: { followers: "desc" } });
  const tier = creatorTier(accounts.map((a) => a.followers), thresholdsOf(ctx.workspace));
  const largest = accounts[0];
  return { tier, accounts, largest };
}

/**
 * A new handle (a creator's, or one of their platform accounts') that looks like a registered
 * one (a Cyrillic а in @kаte) is refused, naming the one it resembles: a creator's handle, or
 * another creator's account. force:yes takes it anyway (a handle really written that way); the
 * note returned says so. `creatorId`: the creator it is for, whose own handles do not count.
 */
async function checkLookAlike(ctx: CommandContext, handle: string, options: { force: boolean | undefined; creatorId?: number }): Promise<string | null> {
  const workspaceId = ctx.workspace.id;
  const [creators, accounts] = await Promise.all([
    ctx.db.creator.findMany({ where: { workspaceId, ...(options.creatorId ? { id: { not: options.creatorId } } : {}) }, select: { handle: true } }),
    ctx.db.account.findMany({
      where: { workspaceId, ...(options.creatorId ? { creatorId: { not: options.creatorId } } : {}) },
      select: { handle: true, platform: true, creator: { select: { handle: true } } },
    }),
  ]);
  const registered = [
    ...creators.map((c) => ({ handle: c.handle, whose: "who is already registered" })),
    ...accounts
      .filter((a) => handleKey(a.handle) !== handleKey(a.creator.handle))
      .map((a) => ({ handle: a.handle, whose: `@${a.creator.handle}'s ${socialNetworkLabel(a.platform)} account` })),
  ];
  const resembled = lookAlikeOf(handle, registered);
  if (!resembled) return null;
  const difference = lookAlikeDifference(handle, resembled.handle);
  const what = `@${handle} looks like @${resembled.handle}, ${resembled.whose}${difference ? `: ${difference}` : ""}`;
  if (options.force) return `Taken with force:yes, although ${what}.`;
  throw conflict(`${what}.`, [
    `If it is the same creator, use @${resembled.handle}. If not, type the handle as it is written on the platform, in plain letters; if it really is written so, add force:yes.`,
  ]);
}

const lookAlikeForce = () => opt.boolean("Take the handle even though it looks like a registered one");

const add = action({
  name: "add",
  description: "Register a creator with their first platform account; replies with their tier",
  role: "member",
  mutates: true,
  formWhenMissing: true,
  examples: ['/creator add @kate tiktok 48k niche:"kettlebell training" owner:@sam'],
  options: { handle: handle(), platform: platform(), followers: followers(), ...details, force: lookAlikeForce() },
  async run(ctx, input) {
    checkEmail(input.email);
    const key = handleKey(input.handle);
    const existing = await ctx.db.creator.findUnique({ where: { workspaceId_handleKey: { workspaceId: ctx.workspace.id, handleKey: key } } });
    if (existing) {
      throw conflict(`@${existing.handle} is already registered.`, [
        `Add another platform with /creator account @${existing.handle} <platform> <followers>, or change details with /creator update.`,
      ]);
    }
    const lookAlike = await checkLookAlike(ctx, input.handle, { force: input.force });
    const owner = input.owner ? await findOrCreateMember(ctx.db, ctx.workspace, input.owner) : null;
    const creator = await ctx.db.creator.create({
      data: {
        workspaceId: ctx.workspace.id,
        handle: input.handle,
        handleKey: key,
        niche: input.niche,
        email: input.email,
        ownerId: owner?.id,
        status: input.status ?? "active",
        notes: input.notes,
        accounts: { create: { workspaceId: ctx.workspace.id, platform: input.platform, handle: input.handle, followers: input.followers } },
      },
    });
    const { tier } = await tierLine(ctx, creator.id);
    const r = reply(`Registered @${creator.handle}: ${tier}`, "channel")
      .text(`${ctx.numbers.count(input.followers)} followers on ${socialNetworkLabel(input.platform)}, so @${creator.handle} is a ${tier} creator.`)
      .fields([
        input.niche ? { label: "Niche", value: input.niche } : null,
        owner ? { label: "Owner", value: owner.displayName } : null,
        { label: "Status", value: creator.status },
      ]);
    if (lookAlike) r.note(lookAlike);
    return r.build();
  },
});

const account = action({
  name: "account",
  description: "Add or update another platform account of a creator; their tier follows the largest",
  role: "member",
  mutates: true,
  examples: ["/creator account @kate instagram 120k account:kate.lifts"],
  options: {
    handle: handle(),
    platform: platform(),
    followers: followers(),
    account: opt.accountHandle("Their handle on that platform, if different"),
    force: lookAlikeForce(),
  },
  async run(ctx, input) {
    const creator = await findCreator(ctx.db, ctx.workspace.id, input.handle);
    const before = await tierLine(ctx, creator.id);
    const existing = before.accounts.find((a) => a.platform === input.platform);
    // A new account handle, or a new value for one, must not look like another creator's.
    const newHandle = input.account !== undefined && handleKey(input.account) !== handleKey(existing?.handle ?? creator.handle);
    const lookAlike = newHandle ? await checkLookAlike(ctx, input.account!, { force: input.force, creatorId: creator.id }) : null;
    await ctx.db.account.upsert({
      where: { creatorId_platform: { creatorId: creator.id, platform: input.platform } },
      create: { workspaceId: ctx.workspace.id, creatorId: creator.id, platform: input.platform, handle: input.account ?? creator.handle, followers: input.followers },
      update: { followers: input.followers, ...(input.account ? { handle: input.account } : {}) },
    });
    const after = await tierLine(ctx, creator.id);
    const change = existing
      ? `${socialNetworkLabel(input.platform)} updated: ${ctx.numbers.count(existing.followers)} → ${ctx.numbers.count(input.followers)} followers.`
      : `${socialNetworkLabel(input.platform)} added with ${ctx.numbers.count(input.followers)} followers.`;
    const tierNote =
      before.tier === after.tier ? `Still ${after.tier}.` : `Tier ${before.tier} → ${after.tier} (largest account: ${socialNetworkLabel(after.largest!.platform)}).`;
    const r = reply(`@${creator.handle}: ${after.tier}`, "channel").text(`${change} ${tierNote}`);
    if (lookAlike) r.note(lookAlike);
    return r.build();
  },
});

const update = action({
  name: "update",
  description: "Change a creator's details",
  role: "member",
  mutates: true,
  examples: ["/creator update @kate status:paused notes:\"on holiday until May\""],
  options: { handle: handle(), ...details },
  async run(ctx, input) {
    checkEmail(input.email);
    const creator = await findCreator(ctx.db, ctx.workspace.id, input.handle);
    const owner = input.owner ? await findOrCreateMember(ctx.db, ctx.workspace, input.owner) : undefined;
    const data = { niche: input.niche, email: input.email, status: input.status, notes: input.notes, ownerId: owner?.id };
    const changed = Object.entries(data).filter(([, v]) => v !== undefined);
    if (changed.length === 0) {
      throw new UserError("missing_option", "Nothing to change: give at least one of niche:, email:, owner:, status:, notes:.");
    }
    await ctx.db.creator.update({ where: { id: creator.id }, data });
    const labels: Record<string, string> = { ownerId: "owner", niche: "niche", email: "email", status: "status", notes: "notes" };
    return reply(`Updated @${creator.handle}`, "channel")
      .fields(changed.map(([k, v]) => ({ label: labels[k]!, value: k === "ownerId" ? owner!.displayName : String(v) })))
      .build();
  },
});

const show = action({
  name: "show",
  description: "A creator's accounts, tier, owner, status, campaigns, posts and codes",
  role: "member",
  mutates: false,
  options: { handle: handle() },
  async run(ctx, input) {
    // One query for the creator and what hangs off them: Prisma plans each query it is given
    // (a millisecond or two of CPU), however few rows it reads.
    const found = await ctx.db.creator.findUnique({
      where: { workspaceId_handleKey: { workspaceId: ctx.workspace.id, handleKey: handleKey(input.handle) } },
      include: {
        accounts: { orderBy: { followers: "desc" } },
        owner: true,
        enrolments: { include: { campaign: true }, orderBy: { createdAt: "asc" } },
        codes: { include: { campaign: true }, orderBy: { createdAt: "asc" } },
        link: { include: { member: { select: { displayName: true } } } },
      },
    });
    if (!found) throw await creatorNotFound(ctx.db, ctx.workspace.id, input.handle);
    const { accounts, owner, enrolments, codes, link: linked, ...creator } = found;
    const tier = creatorTier(accounts.map((a) => a.followers), thresholdsOf(ctx.workspace));
    // Counted per enrolment here: Prisma's _count on a relation counts every post in the database.
    const postCounts = await ctx.db.post.groupBy({ by: ["enrolmentId"], where: { creatorId: creator.id }, _count: { _all: true } });
    const postsIn = new Map(postCounts.map((p) => [p.enrolmentId, p._count._all]));
    const posts = postCounts.reduce((sum, p) => sum + p._count._all, 0);
    const r = reply(`@${creator.handle}: ${tier}`).fields([
      { label: "Status", value: creator.status },
      { label: "Owner", value: owner?.displayName ?? "nobody" },
      { label: "Linked to", value: linked?.member.displayName ?? "nobody (/creator link)" },
      creator.niche ? { label: "Niche", value: creator.niche } : null,
      creator.email ? { label: "Email", value: creator.email } : null,
      { label: "Posts", value: ctx.numbers.count(posts) },
    ]);
    r.table(
      ["platform", "account", { header: "followers", align: "right" }],
      accounts.map((a) => [socialNetworkLabel(a.platform), `@${a.handle}`, ctx.numbers.count(a.followers)]),
    );
    if (enrolments.length > 0) {
      r.heading("Campaigns");
      r.table(
        ["campaign", { header: "wave", align: "right" }, "status", { header: "posts", align: "right" }, "due"],
        enrolments.map((e) => [e.campaign.name, String(e.wave), e.campaign.status, String(postsIn.get(e.id) ?? 0), e.dueDate ?? ""]),
      );
    }
    if (codes.length > 0) {
      r.heading("Codes and links");
      r.list(codes.map((c) => `${c.kind === "code" ? c.code : c.url} (${c.campaign.name})`));
    }
    if (creator.notes) r.note(`Notes: ${creator.notes}`);
    return r.build();
  },
});

const list = action({
  name: "list",
  description: "The roster as a table, filtered by tier, status, platform, niche or campaign",
  role: "member",
  mutates: false,
  options: {
    tier: opt.choice("Only this tier", TIERS),
    status: opt.choice("Only this status", CREATOR_STATUSES),
    platform: opt.choice("Only creators with an account there", SOCIAL_NETWORKS),
    niche: opt.text("Only niches containing this", 100),
    campaign: opt.campaign("Only creators enrolled in this campaign"),
  },
  async run(ctx, input) {
    const campaign = input.campaign ? await findCampaign(ctx.db, ctx.workspace.id, input.campaign) : null;
    const creators = await ctx.db.creator.findMany({
      where: {
        workspaceId: ctx.workspace.id,
        status: input.status,
        ...(input.platform ? { accounts: { some: { platform: input.platform } } } : {}),
        ...(campaign ? { enrolments: { some: { campaignId: campaign.id } } } : {}),
      },
      include: { accounts: true, owner: true },
      orderBy: { handleKey: "asc" },
    });
    const thresholds = thresholdsOf(ctx.workspace);
    const niche = input.niche?.toLowerCase();
    const rows = creators
      .map((c) => ({ c, tier: creatorTier(c.accounts.map((a) => a.followers), thresholds), top: Math.max(0, ...c.accounts.map((a) => a.followers)) }))
      .filter((x) => !input.tier || x.tier === input.tier)
      .filter((x) => !niche || (x.c.niche ?? "").toLowerCase().includes(niche));
    // Handles stored before normalisation that became another creator's (src/db/stored-handles.ts): both kept, flagged here.
    const unmerged = rows.filter(({ c }) => c.handleKey !== normalHandleKey(c.handle));
    const holders = unmerged.length
      ? await ctx.db.creator.findMany({ where: { workspaceId: ctx.workspace.id, handleKey: { in: unmerged.map(({ c }) => normalHandleKey(c.handle)) } }, select: { handle: true, handleKey: true } })
      : [];
    const filters = Object.entries(input)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}:${v}`);
    const r = reply(`Creators (${ctx.numbers.count(rows.length)})${filters.length ? `: ${filters.join(" ")}` : ""}`);
    await waitingClaims(ctx, r);
    r.table(
        ["handle", "tier", { header: "followers", align: "right" }, "platforms", "status", "owner", "niche"],
        rows.map(({ c, tier, top }) => [
          `@${c.handle}`,
          tier,
          ctx.numbers.count(top),
          c.accounts.map((a) => socialNetworkLabel(a.platform)).join(", "),
          c.status,
          c.owner?.displayName ?? "",
          c.niche ?? "",
        ]),
      );
    for (const { c } of unmerged) {
      const holder = holders.find((h) => h.handleKey === normalHandleKey(c.handle));
      r.note(
        `@${c.handle} was registered before handles were normalised and is the same handle as @${holder?.handle ?? normalHandleKey(c.handle)}: both are kept, and it answers to @${c.handleKey}. ` +
          `If they are one creator, move what it has to @${holder?.handle ?? normalHandleKey(c.handle)} and remove it (/creator remove ${c.handleKey}).`,
      );
    }
    return r.build();
  },
});

/** The claims waiting for a team member (/my claim), oldest first, above the roster. */
async function waitingClaims(ctx: CommandContext, r: ReplyBuilder) {
  const claims = await ctx.db.creatorClaim.findMany({
    where: { workspaceId: ctx.workspace.id },
    include: { member: { select: { displayName: true, externalId: true } }, creator: { select: { handle: true } } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  if (claims.length === 0) return;
  r.heading(`Waiting to be linked (${ctx.numbers.count(claims.length)})`);
  r.list(claims.map((c) => `${c.member.displayName} asks to be @${c.creator.handle}: /creator link @${c.creator.handle} ${personRef(ctx, c.member)}`));
}

/** How to name a member in a command line: a mention where the platform resolves one, the name in the shell. */
const personRef = (ctx: CommandContext, member: { displayName: string; externalId: string }) =>
  ctx.workspace.platform === "local" ? member.displayName : `<@${member.externalId}>`;

const link = action({
  name: "link",
  description: "Link a person to a creator profile: they then use the bot as that creator (/my, their own posts)",
  role: "member",
  mutates: true,
  examples: ["/creator link @kate @Kate"],
  options: { handle: handle(), person: opt.person("The person who is this creator (a mention)").require().atPosition() },
  async run(ctx, input) {
    const creator = await findCreator(ctx.db, ctx.workspace.id, input.handle);
    const member = await memberToLink(ctx.db, ctx.workspace, input.person);
    const [ofCreator, ofMember] = await Promise.all([
      ctx.db.creatorLink.findUnique({ where: { creatorId: creator.id }, include: { member: { select: { displayName: true } } } }),
      ctx.db.creatorLink.findUnique({ where: { memberId: member.id }, include: { creator: { select: { handle: true } } } }),
    ]);
    if (ofCreator && ofCreator.memberId === member.id) {
      return reply(`${member.displayName} is already @${creator.handle}`, "ephemeral").text("Nothing changed.").build();
    }
    if (ofCreator) {
      throw conflict(`@${creator.handle} is already linked to ${ofCreator.member.displayName}.`, [`Unlink first with /creator unlink @${creator.handle}, then link again.`]);
    }
    if (ofMember) {
      throw conflict(`${member.displayName} is already linked to @${ofMember.creator.handle}: a person is one creator.`, [
        `Unlink first with /creator unlink @${ofMember.creator.handle}.`,
      ]);
    }
    await ctx.db.creatorLink.create({ data: { workspaceId: ctx.workspace.id, memberId: member.id, creatorId: creator.id } });
    // Their own claim is answered; others' claims of this profile cannot be any more.
    const dropped = await ctx.db.creatorClaim.findMany({
      where: { workspaceId: ctx.workspace.id, creatorId: creator.id, memberId: { not: member.id } },
      include: { member: { select: { displayName: true } } },
    });
    await ctx.db.creatorClaim.deleteMany({ where: { workspaceId: ctx.workspace.id, OR: [{ memberId: member.id }, { creatorId: creator.id }] } });
    const admin = member.role === "admin" || member.adminGranted;
    if (!admin) await ctx.db.member.update({ where: { id: member.id }, data: { role: "creator" } });
    ctx.describeChange(`linked ${member.displayName} to @${creator.handle}`);
    const r = reply(`Linked ${member.displayName} to @${creator.handle}`, "channel");
    r.text(
      admin
        ? `${member.displayName} is an admin and stays one; /my shows them @${creator.handle}'s campaigns.`
        : `${member.displayName} now uses the bot as @${creator.handle}: ${creatorCommandList(ctx.commands)}. They see only what is theirs.`,
    );
    if (dropped.length > 0) r.note(`Claims of @${creator.handle} by ${dropped.map((c) => c.member.displayName).join(", ")} were dropped.`);
    return r.build();
  },
  conflictMessage: (input) => `Someone linked @${input.handle} or that person at the same moment; nothing was saved. Check with /creator show @${input.handle}.`,
});

const unlink = action({
  name: "unlink",
  description: "Unlink the person linked to a creator profile: they no longer see or log it",
  role: "member",
  mutates: true,
  options: { handle: handle() },
  async run(ctx, input) {
    const creator = await findCreator(ctx.db, ctx.workspace.id, input.handle);
    const linked = await ctx.db.creatorLink.findUnique({ where: { creatorId: creator.id }, include: { member: true } });
    if (!linked) throw new UserError("invalid_state", `@${creator.handle} is not linked to anyone.`, { hints: [`Link someone with /creator link @${creator.handle} <person>.`] });
    await ctx.db.creatorLink.delete({ where: { id: linked.id } });
    if (linked.member.role === "creator") await ctx.db.member.update({ where: { id: linked.memberId }, data: { role: "member" } });
    ctx.describeChange(`unlinked ${linked.member.displayName} from @${creator.handle}`);
    return reply(`Unlinked ${linked.member.displayName} from @${creator.handle}`, "channel")
      .text(`${linked.member.displayName} no longer sees or logs @${creator.handle}'s campaigns and posts.`)
      .build();
  },
});

const remove = action({
  name: "remove",
  description: "Remove a creator; refuses while they have posts or codes unless force:yes",
  role: "admin",
  mutates: true,
  options: { handle: handle(), force: opt.boolean("Also delete their posts, codes and redemptions") },
  async run(ctx, input) {
    const creator = await findCreator(ctx.db, ctx.workspace.id, input.handle);
    const [posts, codes] = await Promise.all([ctx.db.post.count({ where: { creatorId: creator.id } }), ctx.db.code.count({ where: { creatorId: creator.id } })]);
    if ((posts > 0 || codes > 0) && !input.force) {
      throw new UserError("invalid_state", `@${creator.handle} has ${ctx.numbers.count(posts)} post(s) and ${ctx.numbers.count(codes)} code(s)/link(s); removing them would change past reports.`, {
        hints: [`Set status:paused with /creator update instead, or add force:yes to delete everything of @${creator.handle}.`],
      });
    }
    await ctx.db.creator.delete({ where: { id: creator.id } });
    return reply(`Removed @${creator.handle}`, "channel")
      .text(posts + codes > 0 ? `Also deleted ${ctx.numbers.count(posts)} post(s) and ${ctx.numbers.count(codes)} code(s)/link(s) with their redemptions.` : "They had no posts or codes.")
      .build();
  },
});

export default defineCommand({
  name: "creator",
  description: "Register creators and their accounts; show and list the roster",
  actions: [add, account, update, show, list, link, unlink, remove],
});
