// Finds workspace rows by what people type (a handle, a campaign name, a person), always inside
// the caller's workspace, with "did you mean" hints when nothing matches.

import type { Db } from "../db/client.ts";
import type { Campaign, Creator, Enrolment, Member, Workspace } from "../generated/prisma/client.ts";
import { wavesInWords } from "../domain/waves.ts";
import { lookAlikeDifference, lookAlikeOf } from "../domain/look-alike-handles.ts";
import { notFound, UserError } from "./errors.ts";
import { handleKey, type PersonInput } from "./values.ts";

export async function findCreator(db: Db, workspaceId: number, handle: string): Promise<Creator> {
  const creator = await db.creator.findUnique({ where: { workspaceId_handleKey: { workspaceId, handleKey: handleKey(handle) } } });
  if (creator) return creator;
  throw await creatorNotFound(db, workspaceId, handle);
}

/** The reply to a handle with no creator: the handles that look like it, or how to register it. */
export async function creatorNotFound(db: Db, workspaceId: number, handle: string): Promise<UserError> {
  const key = handleKey(handle);
  const [similar, all] = await Promise.all([
    db.creator.findMany({
      where: { workspaceId, handleKey: { contains: key.slice(0, 3) } },
      select: { handle: true },
      take: 5,
      orderBy: { handleKey: "asc" },
    }),
    // A look-alike (@kаte with a Cyrillic а for @kate) shares no letters with it as text.
    db.creator.findMany({ where: { workspaceId }, select: { handle: true } }),
  ]);
  const lookAlike = lookAlikeOf(key, all);
  if (lookAlike) {
    const difference = lookAlikeDifference(key, lookAlike.handle);
    return notFound(`No creator @${key} in this workspace.`, [`Did you mean @${lookAlike.handle}? @${key} only looks like it${difference ? `: ${difference}` : ""}.`]);
  }
  return notFound(
    `No creator @${key} in this workspace.`,
    similar.length > 0 ? [`Did you mean ${similar.map((c) => `@${c.handle}`).join(", ")}?`] : [`Register them with /creator add @${key} <platform> <followers>.`],
  );
}

export async function findCampaign(db: Db, workspaceId: number, name: string): Promise<Campaign> {
  const nameKey = name.trim().toLowerCase();
  const campaign = await db.campaign.findUnique({ where: { workspaceId_nameKey: { workspaceId, nameKey } } });
  if (campaign) return campaign;
  const all = await db.campaign.findMany({ where: { workspaceId }, select: { name: true, nameKey: true }, orderBy: { createdAt: "desc" }, take: 50 });
  const close = all.filter((c) => c.nameKey.includes(nameKey) || nameKey.includes(c.nameKey)).slice(0, 5);
  const hint = close.length > 0 ? close : all.slice(0, 5);
  throw notFound(
    `No campaign "${name}" in this workspace.`,
    hint.length > 0 ? [`Campaigns: ${hint.map((c) => `"${c.name}"`).join(", ")}.`] : ["Create one with /campaign new <name>."],
  );
}

/**
 * A creator's enrolment in a campaign (one per wave they are in): the wave asked for, or their
 * latest (current) one. Not enrolled, or not in that wave: refused, naming the waves they are in.
 */
export async function findEnrolment(db: Db, campaign: Campaign, creator: Pick<Creator, "id" | "handle">, wave?: number): Promise<Enrolment> {
  const waves = await db.enrolment.findMany({ where: { campaignId: campaign.id, creatorId: creator.id }, orderBy: { wave: "asc" } });
  if (waves.length === 0) {
    throw notFound(`@${creator.handle} is not enrolled in "${campaign.name}".`, [`Enrol them with /campaign enroll "${campaign.name}" @${creator.handle} due:<date>`]);
  }
  if (wave === undefined) return waves.at(-1)!;
  const found = waves.find((e) => e.wave === wave);
  if (found) return found;
  throw notFound(`@${creator.handle} is not in wave ${wave} of "${campaign.name}"; they are in ${wavesInWords(waves.map((e) => e.wave))}.`);
}

/**
 * A person named in an option (owner:), resolved to a member of this workspace. A mention the
 * platform answered for (src/core/person-options.ts) makes or renames the member with the
 * platform's name; a mention nobody could look up (the shell in a Slack or Discord workspace)
 * finds a member already known, renaming nobody; a typed name (the local workspace) finds one.
 */
export async function findOrCreateMember(db: Db, workspace: Workspace, person: PersonInput): Promise<Member> {
  if (person.externalId && person.fromPlatform && person.name) {
    return db.member.upsert({
      where: { workspaceId_externalId: { workspaceId: workspace.id, externalId: person.externalId } },
      create: { workspaceId: workspace.id, externalId: person.externalId, displayName: person.name },
      update: { displayName: person.name },
    });
  }
  if (person.externalId) {
    const known = await db.member.findUnique({ where: { workspaceId_externalId: { workspaceId: workspace.id, externalId: person.externalId } } });
    if (known) return known;
    throw notFound(`No member with the id ${person.externalId} has used the bot here yet, and the platform cannot be asked from here.`, [
      "Name them from Slack or Discord, where the mention is looked up.",
    ]);
  }
  if (workspace.platform !== "local") throw new UserError("invalid_option", `"${person.name}" is a name typed as text: mention the person instead (@name).`);
  return memberByName(db, workspace, person.name!);
}

/** A person named in an option (member:), among the members of this workspace; nobody is created. */
export async function findMember(db: Db, workspace: Workspace, person: PersonInput): Promise<Member> {
  if (person.externalId) {
    const member = await db.member.findUnique({ where: { workspaceId_externalId: { workspaceId: workspace.id, externalId: person.externalId } } });
    if (member) return member;
    throw notFound(`${person.name ?? "That person"} has not used the bot here yet.`);
  }
  return memberByName(db, workspace, person.name!);
}

/** The one member whose display name or platform id is `typed`. */
async function memberByName(db: Db, workspace: Workspace, typed: string): Promise<Member> {
  const name = typed.toLowerCase();
  const members = await db.member.findMany({ where: { workspaceId: workspace.id } });
  const found = members.filter((m) => m.displayName.toLowerCase() === name || m.externalId.toLowerCase() === name);
  if (found.length === 1) return found[0]!;
  if (found.length > 1) throw new UserError("ambiguous", `Several members are called ${typed}; mention the one you mean.`);
  throw notFound(`No member called ${typed} has used the bot here yet.`, [
    workspace.platform === "local" ? `Members: ${members.map((m) => m.displayName).join(", ") || "none"}.` : "Mention them instead (@name).",
  ]);
}

/**
 * The person to link to a creator profile (/creator link): as findOrCreateMember, and in the
 * shell's local workspace a name nobody has used yet is the person who will type `--user <name>`.
 */
export async function memberToLink(db: Db, workspace: Workspace, person: PersonInput): Promise<Member> {
  try {
    return await findOrCreateMember(db, workspace, person);
  } catch (error) {
    const local = workspace.platform === "local" && !person.externalId && person.name;
    if (!(error instanceof UserError && error.code === "not_found" && local)) throw error;
    return db.member.create({ data: { workspaceId: workspace.id, externalId: person.name!, displayName: person.name! } });
  }
}
