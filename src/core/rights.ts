// Who may do what with money, and who is an admin: the one place commands and the dispatcher
// ask. Creating or changing compensation, budgets, removing orders and refunds are for admins.
// An admin is, in Slack and Discord, whoever the platform says administers the workspace now
// (within the directory's five-minute cache), a person named in ADMINS, or a person an admin
// made one with /settings admin:@person. Only where the platform cannot say (the shell) does the
// first person to use the bot become an admin. A person linked to a creator profile
// (/creator link) who is not an admin is a creator, and so, on Discord, is a member carrying the
// server's creator role (/settings creator-role:): creators run only the actions whose spec says
// `creators: "allowed"`, and those show and change only what is theirs. docs/roles.md tells it for people.

import type { Member, Role } from "../generated/prisma/client.ts";

/** What of an action spec (src/core/spec.ts, which imports this file) says who may run it. */
interface ActionRights {
  name: string;
  role: Role;
  creators?: "allowed";
}

/** A command spec as far as rights go. */
interface CommandRights<A extends ActionRights> {
  name: string;
  actions: A[];
}

/**
 * What only admins may do inside commands members may use, as a refusal names it. Removing
 * orders and refunds are admin-only commands of their own (/code unredeem, /code refund: their
 * spec's role), as are /creator remove, /post remove, /digest schedule and off, and /settings.
 */
export const ADMIN_RIGHTS = {
  compensation: "set or change a creator's compensation (fee, product, commission, per order)",
  budget: "set or change a campaign's budget",
} as const;

export type AdminRight = keyof typeof ADMIN_RIGHTS;

/** Throws "not allowed" unless the caller is an admin. */
export function requireRight(ctx: { requireAdmin(what: string): void }, right: AdminRight): void {
  ctx.requireAdmin(ADMIN_RIGHTS[right]);
}

/** People the operator names admins (ADMINS=slack:U123,discord:456), as `platform:user id`. */
export type NamedAdmins = ReadonlySet<string>;

export const namedAdminKey = (platform: string, userId: string) => `${platform}:${userId}`;

/** What is known of the caller for their admin status. */
export interface AdminFacts {
  platform: string;
  userId: string;
  /** What the platform says now; undefined where it cannot say (the shell). */
  platformAdmin?: boolean;
}

/** Why someone is an admin, or null: the first reason that holds. */
export type AdminReason = "named" | "granted" | "platform" | "first" | null;

export function adminReason(caller: AdminFacts, member: Pick<Member, "role" | "adminGranted">, named: NamedAdmins): AdminReason {
  if (named.has(namedAdminKey(caller.platform, caller.userId))) return "named";
  if (member.adminGranted) return "granted";
  // Where the platform cannot say, the stored role stands: the first person, or what the platform said last.
  if (caller.platformAdmin === undefined) return member.role === "admin" ? "first" : null;
  return caller.platformAdmin ? "platform" : null;
}

/**
 * The role to store for the caller: what they are now, so that a demotion on the platform is kept
 * too. `linked`: they are linked to a creator profile (an admin who is one stays an admin).
 */
export function roleNow(caller: AdminFacts, member: Pick<Member, "role" | "adminGranted">, named: NamedAdmins, linked = false): Role {
  return adminReason(caller, member, named) ? "admin" : linked ? "creator" : "member";
}

/** The creator profile a person is linked to (/creator link). */
export interface LinkedCreator {
  id: number;
  handle: string;
}

/**
 * How the caller acts in one command: an admin, a member of the team, or a creator (linked and
 * not an admin; or, on Discord, carrying the creator role, linked or not).
 */
export function actingRole(isAdmin: boolean, linked: LinkedCreator | null, creatorRole: boolean): Role {
  if (isAdmin) return "admin";
  return linked || creatorRole ? "creator" : "member";
}

/** Whether someone acting as `role` may run the action (an admin: anything). */
export function mayRun(role: Role, action: Omit<ActionRights, "name">): boolean {
  if (role === "admin") return true;
  if (role === "creator") return action.creators === "allowed";
  return action.role !== "admin";
}

/** The commands with only the actions someone acting as `role` may run, for /help. */
export function commandsFor<A extends ActionRights, C extends CommandRights<A>>(role: Role, commands: readonly C[]): C[] {
  return commands.map((c) => ({ ...c, actions: c.actions.filter((a) => mayRun(role, a)) })).filter((c) => c.actions.length > 0);
}

/** "/my, /post log, /post update, /help": what a creator may run, named as they type it. */
export function creatorCommandList(commands: readonly CommandRights<ActionRights>[]): string {
  return commandsFor("creator", commands)
    .flatMap((c) => c.actions.map((a) => (a.name ? `/${c.name} ${a.name}` : `/${c.name}`)))
    .join(", ");
}

/**
 * Why a creator may not run a team command. `linked`: null for a Discord member who carries the
 * creator role but is linked to no creator profile yet, who is told how to ask for one.
 */
export function creatorRefusal(commands: readonly CommandRights<ActionRights>[], linked: LinkedCreator | null): { message: string; hints: string[] } {
  const may = creatorCommandList(commands);
  if (linked) return { message: `This is for the team; as a creator you can use ${may}.`, hints: [] };
  return {
    message: "This is for the team. Your role here makes you a creator, but you are not linked to a creator profile yet.",
    hints: ["Ask to be linked with /my claim <handle> (your creator handle); a team member accepts it with /creator link.", `As a creator you can use ${may}.`],
  };
}
