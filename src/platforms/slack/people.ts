// Slack's people (src/core/people.ts): who a user id is and whether they administer the team,
// from users.info (display name, admin, owner), cached five minutes so a busy channel does not
// call Slack on every command, and so a person demoted in Slack loses the bot's admin rights
// within five minutes, as one promoted gains them.

import { PEOPLE_CACHE_MS, type PeopleDirectory, type PlatformPerson } from "../../core/people.ts";

/** What users.info answers, read defensively. */
export interface SlackUser {
  id?: string;
  name?: string;
  real_name?: string;
  deleted?: boolean;
  is_admin?: boolean;
  is_owner?: boolean;
  is_primary_owner?: boolean;
  profile?: { display_name?: string; real_name?: string };
}

/** users.info for one user: the user, or null when Slack knows nobody by that id. Throws when Slack could not be asked. */
export type SlackUserLookup = (teamId: string, userId: string) => Promise<SlackUser | null>;

export interface SlackPeopleOptions {
  lookup: SlackUserLookup;
  ttlMs?: number;
  now?: () => number;
  /** Told when Slack could not answer. */
  onError?: (error: unknown, teamId: string, userId: string) => void;
}

export class SlackPeople {
  private readonly entries = new Map<string, { until: number; value: Promise<PlatformPerson | null> }>();
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(private readonly options: SlackPeopleOptions) {
    this.ttlMs = options.ttlMs ?? PEOPLE_CACHE_MS;
    this.now = options.now ?? Date.now;
  }

  /** The person as Slack says (at most five minutes ago); null for an unknown id; throws when Slack could not be asked. */
  find(teamId: string, userId: string): Promise<PlatformPerson | null> {
    const key = `${teamId}:${userId}`;
    const at = this.now();
    const cached = this.entries.get(key);
    if (cached && cached.until > at) return cached.value;
    if (this.entries.size > 10_000) this.prune(at);
    // The promise is cached, so concurrent commands naming one person make one call.
    const value = this.options.lookup(teamId, userId).then(
      (user) => (user && !user.deleted ? personOf(userId, user) : null),
      (error: unknown) => {
        // Not kept: the next command asks again.
        this.entries.delete(key);
        this.options.onError?.(error, teamId, userId);
        throw error;
      },
    );
    this.entries.set(key, { until: at + this.ttlMs, value });
    return value;
  }

  /** The directory of one team, for the dispatcher. */
  directory(teamId: string): PeopleDirectory {
    return { find: (userId) => this.find(teamId, userId) };
  }

  private prune(at: number) {
    for (const [key, entry] of this.entries) if (entry.until <= at) this.entries.delete(key);
  }
}

/** The name Slack shows: display name, else real name, else user name. */
export function personOf(userId: string, user: SlackUser): PlatformPerson {
  const name = [user.profile?.display_name, user.profile?.real_name, user.real_name, user.name, userId].find((n) => typeof n === "string" && n.trim() !== "")!;
  return { id: userId, name: name.trim(), admin: isSlackAdmin(user) };
}

/** Workspace admins and owners administer the bot too. */
export function isSlackAdmin(user: Pick<SlackUser, "is_admin" | "is_owner" | "is_primary_owner"> | undefined): boolean {
  return Boolean(user?.is_admin || user?.is_owner || user?.is_primary_owner);
}
