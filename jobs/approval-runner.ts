// Automatic approval (docs/approval.md): a submission nobody decided within its campaign's
// approval-days is approved by the scheduler and said in the review channel, once across
// replicas and restarts: each post is claimed with a lease first (like a digest period, see
// src/db/post-approval.ts), announced, then approved; a claim whose process died is taken over
// when its lease runs out. The creator (or their owner) is told privately, as for a decision.

import { numberWriter } from "../src/core/format.ts";
import { claimAutoApproval, creatorContact, duePosts, finishAutoApproval, releaseAutoApproval, reviewChannelOf } from "../src/db/post-approval.ts";
import type { Database } from "../src/db/client.ts";
import type { Posters } from "../src/digest/delivery.ts";
import { numberStyleOf } from "../src/domain/number-styles.ts";
import type { Logger } from "../src/log.ts";
import { creatorNotice, outcomeMessage, type ReviewedPost } from "../src/reports/approval-messages.ts";
import { defaultRunnerId } from "./digest-runner.ts";

export interface ApprovalRunnerOptions {
  db: Database;
  log: Logger;
  posters: Posters;
  runnerId?: string;
  /** How long a claim is kept before another runner may take it over. */
  leaseMs?: number;
}

export type ApprovalOutcome = { postId: number; status: "approved" | "claimed by another runner" | "decided meanwhile" | "failed"; detail?: string };

export function createApprovalRunner(options: ApprovalRunnerOptions) {
  const { db, log, posters } = options;
  const runnerId = options.runnerId ?? defaultRunnerId();
  const leaseMs = options.leaseMs ?? 5 * 60_000;

  async function approve(post: Awaited<ReturnType<typeof duePosts>>[number], at: Date): Promise<ApprovalOutcome> {
    if (!(await claimAutoApproval(db, post.id, runnerId, at, leaseMs))) return { postId: post.id, status: "claimed by another runner" };
    const workspace = await db.workspace.findUniqueOrThrow({ where: { id: post.workspaceId } });
    const enrolment = await db.enrolment.findUniqueOrThrow({ where: { id: post.enrolmentId } });
    const decided = { ...post, review: "approved" as const, decidedAt: at, decidedByName: null };
    const r: ReviewedPost = { post: decided, creator: post.creator, campaign: post.campaign, enrolment, timeZone: workspace.timeZone, numbers: numberWriter(numberStyleOf(workspace.numberStyle)) };
    const poster = posters[workspace.platform];
    const place = { platform: workspace.platform, workspaceExternalId: workspace.externalId };
    const where = await reviewChannelOf(db, post.campaign);
    if (where && poster) {
      try {
        // The review message itself shows the outcome and loses its buttons; a new message only when it cannot be updated (or was never stored).
        const updated = post.reviewMessageRef && poster.update ? await poster.update({ ...place, ref: post.reviewMessageRef }, outcomeMessage(r, at)).then(
          () => true,
          (error: unknown) => (log.warn({ err: { message: (error as Error).message }, postId: post.id }, "could not update the review message; saying it in a new one"), false),
        ) : false;
        if (!updated) await poster.post({ ...place, channelId: where.channelId, slug: `approval-${post.id}` }, outcomeMessage(r, at));
      } catch (error) {
        // Not said, so not done: the claim goes, and the next tick tries again.
        await releaseAutoApproval(db, post.id, runnerId);
        return { postId: post.id, status: "failed", detail: (error as Error).message };
      }
    }
    if (!(await finishAutoApproval(db, post, post.campaign, runnerId, at))) return { postId: post.id, status: "decided meanwhile" };
    const contact = await creatorContact(db, post.creator);
    if (contact && poster?.sendPrivately) {
      await poster.sendPrivately({ ...place, userId: contact.userId, slug: `approval-${post.id}` }, creatorNotice(r, !contact.linked, at)).catch((error: unknown) => log.warn({ err: { message: (error as Error).message }, postId: post.id }, "could not tell the creator of an automatic approval"));
    }
    return { postId: post.id, status: "approved", detail: where ? undefined : "no review channel to say it in" };
  }

  return {
    runnerId,
    /** Approves every submission due at `at` that this runner claims. */
    async runDue(at: Date): Promise<ApprovalOutcome[]> {
      const outcomes: ApprovalOutcome[] = [];
      for (const post of await duePosts(db, at)) outcomes.push(await approve(post, at));
      for (const o of outcomes) if (o.status === "approved" || o.status === "failed") log.info({ postId: o.postId, status: o.status, detail: o.detail }, "automatic approval");
      return outcomes;
    },
  };
}

export type ApprovalRunner = ReturnType<typeof createApprovalRunner>;
