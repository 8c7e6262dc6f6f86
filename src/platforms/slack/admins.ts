// Who administers a Slack team, from users.info (is_admin, is_owner, is_primary_owner), cached
// for a few minutes so a busy channel does not call Slack on every command.

export type AdminLookup = (teamId: string, userId: string) => Promise<boolean>;

export interface AdminCacheOptions {
  lookup: AdminLookup;
  ttlMs?: number;
  now?: () => number;
  /** Told when Slack could not answer; the person is then treated as a member. */
  onError?: (error: unknown, teamId: string, userId: string) => void;
}

export const ADMIN_CACHE_MS = 5 * 60_000;

export class AdminCache {
  private readonly entries = new Map<string, { until: number; value: Promise<boolean> }>();
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(private readonly options: AdminCacheOptions) {
    this.ttlMs = options.ttlMs ?? ADMIN_CACHE_MS;
    this.now = options.now ?? Date.now;
  }

  isAdmin(teamId: string, userId: string): Promise<boolean> {
    const key = `${teamId}:${userId}`;
    const at = this.now();
    const cached = this.entries.get(key);
    if (cached && cached.until > at) return cached.value;
    if (this.entries.size > 10_000) this.prune(at);
    // The promise is cached, so concurrent commands of one person make one call.
    const value = this.options.lookup(teamId, userId).catch((error: unknown) => {
      this.entries.delete(key);
      this.options.onError?.(error, teamId, userId);
      return false;
    });
    this.entries.set(key, { until: at + this.ttlMs, value });
    return value;
  }

  private prune(at: number) {
    for (const [key, entry] of this.entries) if (entry.until <= at) this.entries.delete(key);
  }
}

/** What users.info says about a person, read defensively. */
export function isSlackAdmin(user: { is_admin?: boolean; is_owner?: boolean; is_primary_owner?: boolean } | undefined): boolean {
  return Boolean(user?.is_admin || user?.is_owner || user?.is_primary_owner);
}
