// The messages of content approval (docs/approval.md), shared by /post and the automatic approval:
// the review message with its buttons (every button is also a command: /post approve,
// /post request-changes), the outcome that replaces it, and what the creator is told.

import { DateTime } from "luxon";
import type { NumberWriter } from "../core/format.ts";
import { reply, type Reply } from "../core/reply.ts";
import { socialNetworkLabel } from "../domain/social-networks.ts";
import type { Campaign, Creator, Enrolment, Post } from "../generated/prisma/client.ts";

export interface ReviewedPost {
  post: Post;
  creator: Pick<Creator, "handle">;
  campaign: Pick<Campaign, "name" | "currency">;
  enrolment: Pick<Enrolment, "fee" | "productCost" | "commissionBps" | "perOrder" | "dueDate">;
  /** The workspace's time zone, for the times shown. */
  timeZone: string;
  numbers: NumberWriter;
}

const postName = (r: Pick<ReviewedPost, "post" | "creator" | "campaign">) => `@${r.creator.handle}'s ${socialNetworkLabel(r.post.platform)} post in "${r.campaign.name}"`;

/** "2026-12-03 10:02" in the workspace's zone; "10:02" on the same day as `today`. */
export function whenShown(at: Date, timeZone: string, today?: Date): string {
  const t = DateTime.fromJSDate(at, { zone: timeZone });
  const sameDay = today && DateTime.fromJSDate(today, { zone: timeZone }).toISODate() === t.toISODate();
  return sameDay ? t.toFormat("HH:mm") : t.toFormat("yyyy-MM-dd HH:mm");
}

function termsOf(r: ReviewedPost): string {
  const { enrolment: e, campaign, numbers } = r;
  const parts = [
    e.fee > 0 && `fee ${numbers.money(e.fee, campaign.currency)}`,
    e.productCost > 0 && `product ${numbers.money(e.productCost, campaign.currency)}`,
    e.commissionBps > 0 && `commission ${numbers.bps(e.commissionBps)}`,
    e.perOrder > 0 && `${numbers.money(e.perOrder, campaign.currency)} per order`,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(", ") : "none";
}

/** The message in the review channel: the post, the creator, the terms, and the two buttons. */
export function reviewMessage(r: ReviewedPost, submittedBy: string): Reply {
  const { post } = r;
  return reply(`Review: ${postName(r)}`, "channel")
    .text(post.url)
    .fields([
      { label: "Creator", value: `@${r.creator.handle}` },
      { label: "Campaign", value: r.campaign.name },
      { label: "Terms", value: termsOf(r) },
      r.enrolment.dueDate ? { label: "Due", value: r.enrolment.dueDate } : null,
      { label: "Submitted", value: `by ${submittedBy}, ${whenShown(post.submittedAt ?? post.createdAt, r.timeZone)}${post.draft ? " (a draft, not live yet)" : ""}` },
      post.submitNote ? { label: "Note", value: post.submitNote } : null,
      post.reviewDueAt && { label: "Approved automatically", value: `${whenShown(post.reviewDueAt, r.timeZone)} unless someone decides before` },
    ])
    .action({ command: `/post approve ${post.url}`, label: "Approve", style: "primary", then: "replace" })
    .action({ command: `/post request-changes ${post.url}`, label: "Request changes", style: "danger", ask: ["note"], then: "replace" })
    .build();
}

/** What was decided, by whom and when ("approved by Ana at 10:02"; null by: automatically). */
export function decisionLine(post: Pick<Post, "review" | "decidedAt" | "decidedByName" | "decisionNote">, timeZone: string, now?: Date): string {
  const at = post.decidedAt ? ` at ${whenShown(post.decidedAt, timeZone, now)}` : "";
  if (post.review === "approved") return post.decidedByName ? `approved by ${post.decidedByName}${at}` : `approved automatically${at}, as nobody decided in time`;
  if (post.review === "changes_requested") return `changes requested by ${post.decidedByName ?? "the team"}${at}: ${post.decisionNote ?? ""}`.trimEnd();
  return "waiting for review";
}

/** The review message once decided: it replaces the one with the buttons. */
export function outcomeMessage(r: ReviewedPost, now?: Date): Reply {
  const { post } = r;
  const title = post.review === "approved" ? `Approved: ${postName(r)}` : `Changes requested: ${postName(r)}`;
  const b = reply(title, "channel")
    .text(post.url)
    .fields([
      { label: "Creator", value: `@${r.creator.handle}` },
      { label: "Terms", value: termsOf(r) },
      { label: "Decision", value: decisionLine(post, r.timeZone, now) },
    ]);
  if (post.review === "approved" && !post.draft) b.note("It counts in reports from now; its fixed costs are earned.");
  if (post.review === "approved" && post.draft) b.note("A draft: it counts once it is live (/post update <url> draft:no).");
  return b.build();
}

/** What the creator (or their owner) is told privately. */
export function creatorNotice(r: ReviewedPost, forOwner: boolean, now?: Date): Reply {
  const { post } = r;
  const whose = forOwner ? `@${r.creator.handle}'s` : "Your";
  const b = reply(`${whose} post in "${r.campaign.name}": ${post.review === "approved" ? "approved" : "changes requested"}`)
    .text(post.url)
    .fields([{ label: "Decision", value: decisionLine(post, r.timeZone, now) }]);
  if (post.review === "changes_requested") b.note(`Make the changes, then submit it again: /post submit ${post.url}`);
  return b.build();
}
