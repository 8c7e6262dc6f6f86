// Where a deliverable reminder goes (issue 23): privately to the creator when they are linked to
// a person of the workspace, else privately to their owner, else into the campaign's digest
// channel (its own schedule's, else a schedule of all campaigns). A "ghosted?" note is for the
// team: never to the creator. Shared by the jobs that send reminders and the commands that say
// where one will go.

import type { Creator, CreatorLink, Member } from "../generated/prisma/client.ts";
import type { Db } from "./client.ts";

export type ReminderDestination =
  | { kind: "person"; audience: "creator" | "owner"; userId: string; name: string }
  | { kind: "channel"; channelId: string };

export interface ReminderSubject {
  workspaceId: number;
  campaignId: number;
  creator: Creator & { owner: Member | null; link: (CreatorLink & { member: Member }) | null };
}

/** What to read with a creator to know where their reminders go. */
export const REMINDER_CREATOR_INCLUDE = { owner: true, link: { include: { member: true } } } as const;

export async function reminderDestination(db: Db, e: ReminderSubject, forTeamOnly: boolean): Promise<ReminderDestination | null> {
  const linked = e.creator.link?.member;
  if (linked && !forTeamOnly) return { kind: "person", audience: "creator", userId: linked.externalId, name: linked.displayName };
  const owner = e.creator.owner;
  if (owner) return { kind: "person", audience: "owner", userId: owner.externalId, name: owner.displayName };
  const schedule = await db.digestSchedule.findFirst({
    where: { workspaceId: e.workspaceId, active: true, OR: [{ campaignId: e.campaignId }, { campaignId: null }] },
    orderBy: [{ campaignId: { sort: "desc", nulls: "last" } }, { id: "asc" }],
  });
  return schedule ? { kind: "channel", channelId: schedule.channelId } : null;
}

/** "Ana (privately)", "channel C1": where a reminder went or will go, for people. */
export function describeDestination(d: ReminderDestination): string {
  return d.kind === "person" ? `${d.name}, privately (${d.audience === "creator" ? "the creator" : "their owner"})` : `the digest channel ${d.channelId}`;
}
