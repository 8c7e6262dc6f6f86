// Who may do what with money, and who is an admin: the one place commands and the dispatcher
// ask. Creating or changing compensation, budgets, removing orders and refunds are for admins.
// An admin is, in Slack and Discord, whoever the platform says administers the workspace now
// (within the directory's five-minute cache), a person named in ADMINS, or a person an admin
// made one with /settings admin:@person. Only where the platform cannot say (the shell) does the
// first person to use the bot become an admin. docs/roles.md tells it for people.

import type { Member } from "../generated/prisma/client.ts";

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

/** The role to store for the caller: what they are now, so that a demotion on the platform is kept too. */
export function roleNow(caller: AdminFacts, member: Pick<Member, "role" | "adminGranted">, named: NamedAdmins): Member["role"] {
  return adminReason(caller, member, named) ? "admin" : "member";
}
