// The sections a report and a digest share: whom to scale, whom to review, deliverables due,
// posts without disclosure, possible code leaks.

import type { NumberWriter } from "../core/format.ts";
import type { ReplyBuilder } from "../core/reply.ts";
import type { AdviceNumbers, Recommendations } from "../domain/advice.ts";

/** Advice's figures in the workspace's style: money in the campaign's currency, rates with one decimal. */
export function adviceNumbers(numbers: NumberWriter, currency: string): AdviceNumbers {
  return {
    money: (minor) => numbers.money(Math.round(minor), currency),
    percent: (rate, decimals = 1) => numbers.percent(rate, decimals),
    decimal: numbers.decimal,
    count: numbers.count,
  };
}

export function adviceSections(r: ReplyBuilder, advice: Recommendations, graceHours: number): void {
  if (advice.scale.length > 0) {
    r.heading("Scale: give them the next wave and more budget");
    r.list(advice.scale.map((a) => `@${a.handle}: ${a.reasons.join(", ")}`));
  }
  if (advice.review.length > 0) {
    r.heading("Review or pause");
    r.list(advice.review.map((a) => `@${a.handle}: ${a.reasons.join("; ")}`));
  }
  if (advice.tooLittle.length > 0) r.note(`Not scaled yet, too little to go on: ${advice.tooLittle.map((a) => `@${a.handle} (${a.reasons.join(", ")})`).join(", ")}.`);
  if (advice.tooEarly.length > 0) r.note(`Too early to judge, first post under ${graceHours} hours ago: ${advice.tooEarly.map((h) => `@${h}`).join(", ")}.`);
}

export function dueSection(
  r: ReplyBuilder,
  creators: Array<{ handle: string; waveFirstPostDay: string | null; dueDate: string | null; hold?: "paused" | "ghosted" | null }>,
  today: string,
  numbers: NumberWriter,
): void {
  // Due: their latest wave has no post yet (a creator in wave 2 who posted only in wave 1 is due again).
  const due = creators.filter((c) => c.waveFirstPostDay === null).sort((a, b) => (a.dueDate ?? "9999").localeCompare(b.dueDate ?? "9999"));
  if (due.length === 0) return;
  r.heading(`Deliverables due (${numbers.count(due.length)} not posted yet)`);
  r.list(
    due.map((c) => {
      const when = c.dueDate ? `due ${c.dueDate}${c.dueDate < today ? ", OVERDUE" : c.dueDate === today ? ", today" : ""}` : "no due date";
      // Paused or ghosted: no reminders for them (/campaign pause, ghosted).
      return `@${c.handle}: ${when}${c.hold ? `, ${c.hold.toUpperCase()}` : ""}`;
    }),
  );
}

export function disclosureSection(r: ReplyBuilder, posts: Array<{ handle: string; postedDay: string; url: string }>, total: number, numbers: NumberWriter): void {
  if (posts.length === 0) return;
  r.heading(`Without disclosure (${numbers.count(total)})`);
  r.list(posts.map((p) => `@${p.handle}, ${p.postedDay}: ${p.url}`));
  r.note("Sponsored posts need #ad or a paid-partnership label (FTC and others).");
}

export function leakSection(
  r: ReplyBuilder,
  leaks: Array<{ handle: string; orders: number; revenue: number; firstDay: string; firstPostDay: string | null }>,
  numbers: NumberWriter,
  currency: string,
): void {
  if (leaks.length === 0) return;
  r.heading("Possible code leaks: orders before the creator's first post");
  r.list(leaks.map((l) => `@${l.handle}: ${numbers.count(l.orders)} order${l.orders === 1 ? "" : "s"}, ${numbers.money(Math.round(l.revenue), currency)} from ${l.firstDay}${l.firstPostDay ? `, first post ${l.firstPostDay}` : ", no post yet"}`));
}
