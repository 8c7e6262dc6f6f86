// Content approval (docs/approval.md): whether a post counts in reports and earns its creator's
// fixed costs (fee and product). The one place the rule lives: a post's `counts` column is
// written from here whenever one of its inputs changes, and every sum filters on that column.

export type PostReviewState = "approved" | "pending" | "changes_requested";

/** A live post counts; where the campaign asks for approval, only once it is approved. */
export function postCounts(campaign: { approval: boolean }, post: { review: PostReviewState; draft: boolean }): boolean {
  if (post.draft) return false;
  return !campaign.approval || post.review === "approved";
}

/** Days a submission waits before it is approved automatically, unless the campaign says otherwise. */
export const DEFAULT_APPROVAL_DAYS = 3;

/** When a submission made at `submittedAt` is approved automatically. */
export const reviewDueAt = (submittedAt: Date, approvalDays: number) => new Date(submittedAt.getTime() + approvalDays * 86_400_000);
