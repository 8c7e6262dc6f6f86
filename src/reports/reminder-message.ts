// The words of a deliverable reminder (issue 23): to the creator when they are linked to a person
// of the workspace, else to their owner, else in the campaign's digest channel; the "ghosted?"
// note goes to the team only. Each says what to do next as a typed command, and carries the same
// commands as buttons (I posted it, Extend due date, Mark ghosted).

import { reply, type Reply, type ReplyAction } from "../core/reply.ts";
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
  /** The wave the reminder is for, when the creator is in more than one: its buttons act on that wave. */
  wave?: number;
}

const quote = (name: string) => `"${name}"`;

/** "I posted it": asks for the address in a form, then logs the post as /post log does (reminders, /my). */
export const postedItAction = (handle: string, campaign: string, label = "I posted it", wave?: number): ReplyAction => ({
  label: label.slice(0, 75),
  command: `/post log handle:${handle} campaign:${quote(campaign)}${wave !== undefined ? ` wave:${wave}` : ""}`,
  ask: ["url"],
  style: "primary",
});

export function reminderMessage(f: ReminderFacts): Reply {
  const when = dueInWords(f.dueDate, f.today);
  const dueText = f.dueDate < f.today ? `was due ${f.dueDate} (${when})` : `is due ${when === "today" ? "today" : `${when}, ${f.dueDate}`}`;
  // A creator in two waves: the words and every button name the wave this reminder is for.
  const inWave = f.wave !== undefined ? ` wave:${f.wave}` : "";
  const campaign = `${quote(f.campaign)}${f.wave !== undefined ? ` (wave ${f.wave})` : ""}`;
  const posted = (label: string) => postedItAction(f.handle, f.campaign, label, f.wave);
  const teamButtons: ReplyAction[] = [
    posted("They posted it"),
    { label: "Extend due date", command: `/campaign extend ${quote(f.campaign)} @${f.handle}${inWave}`, ask: ["due"] },
    { label: "Mark ghosted", command: `/campaign ghosted ${quote(f.campaign)} @${f.handle}${inWave}`, style: "danger", then: "replace" },
  ];
  const withButtons = (r: ReturnType<typeof reply>, buttons: ReplyAction[]) => {
    for (const b of buttons) r.action(b);
    return r.build();
  };
  if (f.stage === "ghost") {
    return withButtons(reply(`Ghosted? @${f.handle} has not posted for ${campaign}`, "channel").text(`Their post ${dueText}, and nothing is logged yet.`).note(noteFor(f)), teamButtons);
  }
  if (f.audience === "creator") {
    return withButtons(
      reply(`Reminder: your post for ${campaign} ${dueText}`, "channel")
        .text("Once it is live, log it with I posted it.")
        .note("Need more time? Tell the team: they can extend the due date."),
      [posted("I posted it")],
    );
  }
  return withButtons(reply(`Reminder: @${f.handle}'s post for ${campaign} ${dueText}`, "channel").text(`Not posted yet: nudge @${f.handle}, log it if they posted, extend the due date, or mark them ghosted.`).note(noteFor(f)), teamButtons);
}

function noteFor(f: ReminderFacts): string {
  if (f.audience === "channel") return `Sent here because @${f.handle} has no owner: /creator update @${f.handle} owner:@you to get these privately.`;
  return `You get this as @${f.handle}'s owner. Stop reminders: /campaign pause ${quote(f.campaign)} @${f.handle}.`;
}
