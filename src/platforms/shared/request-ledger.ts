// Requests already run, by fingerprint, so that a request sent again (a replay of a signed
// request within its five minutes, or a platform's retry) runs once.

/** How long a fingerprint is remembered: longer than a signature stays valid (five minutes either way). */
export const REMEMBER_MS = 10 * 60_000;

export interface RequestLedger {
  /** True the first time `fingerprint` is given, false every time after (within REMEMBER_MS). */
  firstTime(fingerprint: string): Promise<boolean>;
}

/** A ledger in this process's memory: what one process has seen. */
export class MemoryLedger implements RequestLedger {
  private readonly seen = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  async firstTime(fingerprint: string): Promise<boolean> {
    return this.record(fingerprint);
  }

  /** Synchronous: true when `fingerprint` was not seen yet (it is now). */
  record(fingerprint: string): boolean {
    const now = this.now();
    // Oldest first (a Map keeps insertion order): forget what is past remembering.
    for (const [key, at] of this.seen) {
      if (now - at <= REMEMBER_MS) break;
      this.seen.delete(key);
    }
    if (this.seen.has(fingerprint)) return false;
    this.seen.set(fingerprint, now);
    return true;
  }
}
