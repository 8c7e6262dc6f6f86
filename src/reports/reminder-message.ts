// The words of a deliverable reminder (issue 23): to the creator when they are linked to a person
// of the workspace, else to their owner, else in the campaign's digest channel; the "ghosted?"
// note goes to the team only. Each says what to do next as a typed command (the buttons run the
// same commands).

import { reply, type Reply } from "../core/reply.ts";
import { dueInWords, type ReminderStage } from "../domain/reminders.ts";

/** Who reads it: the creator themself, their owner privately, or the team in a channel (no owner). */
export type ReminderAudience = "creator" | "owner" | "channel";

export interface ReminderFacts {
  /** A stage of the schedule, or "now": asked for with /campaign remind. */
  stage: ReminderStage | "now";
  audience: ReminderAudience;
  handle: string;
  campaign: string;
  dueDate: string;
  /** Today in the workspace's time zone. */
  today: string;
}

const quote = (name: string) => `"${name}"`;

export function reminderMessage(f: ReminderFacts): Reply {
  const when = dueInWords(f.dueDate, f.today);
  const dueText = f.dueDate < f.today ? `was due ${f.dueDate} (${when})` : `is due ${when === "today" ? "today" : `${when}, ${f.dueDate}`}`;
  const campaign = quote(f.campaign);
  const teamActions = [
    `Posted? /post log <url> @${f.handle}`,
    `More time: /campaign extend ${campaign} @${f.handle} due:<date>`,
    `Not coming: /campaign ghosted ${campaign} @${f.handle}`,
  ];
  if (f.stage === "ghost") {
    return reply(`Ghosted? @${f.handle} has not posted for ${campaign}`, "channel")
      .text(`Their post ${dueText}, and nothing is logged yet.`)
      .list(teamActions)
      .note(noteFor(f))
      .build();
  }
  if (f.audience === "creator") {
    return reply(`Reminder: your post for ${campaign} ${dueText}`, "channel")
      .text("Once it is live, log it (I posted it):")
      .list([`/post log <url>`])
      .note("Need more time? Tell the team: they can extend the due date.")
      .build();
  }
  return reply(`Reminder: @${f.handle}'s post for ${campaign} ${dueText}`, "channel")
    .text(`Not posted yet. Nudge @${f.handle}, or:`)
    .list(teamActions)
    .note(noteFor(f))
    .build();
}

function noteFor(f: ReminderFacts): string {
  if (f.audience === "channel") return `Sent here because @${f.handle} has no owner: /creator update @${f.handle} owner:@you to get these privately.`;
  return `You get this as @${f.handle}'s owner. Stop reminders: /campaign pause ${quote(f.campaign)} @${f.handle}.`;
}
