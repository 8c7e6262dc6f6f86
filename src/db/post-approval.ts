// Content approval in the database (docs/approval.md): where a campaign's submissions are
// reviewed, who hears of a decision on a creator's post, the `counts` column kept to the rule of
// src/domain/approval.ts, and the automatic approval of submissions nobody decided in time,
// claimed like a digest period (digest-claims.ts) so that it is announced once across replicas.

import type { Campaign, Creator, Post } from "../generated/prisma/client.ts";
import { postCounts, type PostReviewState } from "../domain/approval.ts";
import type { Db } from "./client.ts";

const STATES: PostReviewState[] = ["approved", "pending", "changes_requested"];

/** Writes every post's `counts` of the campaign again (its approval was turned on or off). */
export async function recountPosts(db: Db, campaign: Pick<Campaign, "id" | "approval">): Promise<void> {
  for (const review of STATES) {
    for (const draft of [false, true]) {
      await db.post.updateMany({ where: { campaignId: campaign.id, review, draft }, data: { counts: postCounts(campaign, { review, draft }) } });
    }
  }
}

/** Where a campaign's submissions are reviewed: its review channel, else its digest's channel (the campaign's own schedule first). */
export async function reviewChannelOf(db: Db, campaign: Pick<Campaign, "id" | "workspaceId" | "reviewChannelId">): Promise<{ channelId: string; kind: "review" | "digest" } | null> {
  if (campaign.reviewChannelId) return { channelId: campaign.reviewChannelId, kind: "review" };
  const schedule = await db.digestSchedule.findFirst({
    where: { workspaceId: campaign.workspaceId, active: true, OR: [{ campaignId: campaign.id }, { campaignId: null }] },
    orderBy: [{ campaignId: { sort: "desc", nulls: "last" } }, { id: "asc" }],
  });
  return schedule ? { channelId: schedule.channelId, kind: "digest" } : null;
}

/** Who is told of a decision on a creator's post: the person linked to the creator, else their owner; null when nobody is. */
export async function creatorContact(db: Db, creator: Pick<Creator, "id" | "ownerId">): Promise<{ userId: string; name: string; linked: boolean } | null> {
  const linked = await linkedMember(db, creator.id);
  if (linked) return { userId: linked.externalId, name: linked.displayName, linked: true };
  if (creator.ownerId === null) return null;
  const owner = await db.member.findUnique({ where: { id: creator.ownerId } });
  return owner ? { userId: owner.externalId, name: owner.displayName, linked: false } : null;
}

/** The member linked to a creator profile (/creator link, the creator role), when there is one. */
async function linkedMember(db: Db, creatorId: number) {
  const link = await db.creatorLink.findUnique({ where: { creatorId }, include: { member: true } });
  return link?.member ?? null;
}

export type DuePost = Post & { campaign: Campaign; creator: Creator; workspace: { platform: string; externalId: string; timeZone: string } };

/** Submissions past their review day in campaigns that still ask for approval, oldest first. */
export function duePosts(db: Db, now: Date, limit = 50): Promise<DuePost[]> {
  return db.post.findMany({
    where: { review: "pending", reviewDueAt: { lte: now }, campaign: { approval: true }, OR: [{ autoLeaseUntil: null }, { autoLeaseUntil: { lt: now } }] },
    include: { campaign: true, creator: true, workspace: { select: { platform: true, externalId: true, timeZone: true } } },
    orderBy: [{ reviewDueAt: "asc" }, { id: "asc" }],
    take: limit,
  }) as Promise<DuePost[]>;
}

/** Claims a due submission's automatic approval for `runner` until the lease runs out: true for exactly one of several runners. */
export async function claimAutoApproval(db: Db, postId: number, runner: string, now: Date, leaseMs: number): Promise<boolean> {
  const taken = await db.post.updateMany({
    where: { id: postId, review: "pending", reviewDueAt: { lte: now }, OR: [{ autoLeaseUntil: null }, { autoLeaseUntil: { lt: now } }] },
    data: { autoClaimedBy: runner, autoLeaseUntil: new Date(now.getTime() + leaseMs) },
  });
  return taken.count === 1;
}

/** Approves a claimed submission (unless someone decided meanwhile): true when it was still waiting. */
export async function finishAutoApproval(db: Db, post: Pick<Post, "id" | "draft">, campaign: Pick<Campaign, "approval">, runner: string, now: Date): Promise<boolean> {
  const done = await db.post.updateMany({
    where: { id: post.id, review: "pending", autoClaimedBy: runner },
    data: { review: "approved", counts: postCounts(campaign, { review: "approved", draft: post.draft }), decidedAt: now, decidedByName: null, autoLeaseUntil: null },
  });
  return done.count === 1;
}

/** Lets a claim go (its announcement could not be posted): another tick tries again. */
export async function releaseAutoApproval(db: Db, postId: number, runner: string): Promise<void> {
  await db.post.updateMany({ where: { id: postId, autoClaimedBy: runner }, data: { autoLeaseUntil: null, autoClaimedBy: null } });
}

/** Stores where a submission's review message is (its poster's reference), so a decision updates it. */
export async function rememberReviewMessage(db: Db, postId: number, ref: string): Promise<void> {
  await db.post.updateMany({ where: { id: postId }, data: { reviewMessageRef: ref } });
}
