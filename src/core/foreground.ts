// Foreground and background work on the one event loop. A request someone is waiting on to be
// acknowledged (Slack gives 3 s, and a person watches the command box) is foreground from the
// moment it arrives until it has been answered or its handler has taken its work on. The
// database statements of commands already acknowledged, and of digests, are background: each
// waits until nothing is in the foreground, so a burst of commands is acknowledged first and
// worked through after. A background step that has waited `maxWaitMs` runs anyway, so a flood
// of requests slows background work down but never stops it.

export const BACKGROUND_MAX_WAIT_MS = 50;

export class Foreground {
  private open = 0;
  private waiters = new Set<() => void>();
  private arrivalWatchers = new Set<() => void>();

  constructor(public maxWaitMs = BACKGROUND_MAX_WAIT_MS) {}

  /** Foreground pieces open now. */
  get size(): number {
    return this.open;
  }

  /** Opens one foreground piece; the function returned closes it (calling it again does nothing). */
  begin(): () => void {
    this.open++;
    if (this.arrivalWatchers.size > 0) {
      const watchers = [...this.arrivalWatchers];
      this.arrivalWatchers.clear();
      for (const notice of watchers) notice();
    }
    let closed = false;
    return () => {
      if (closed) return;
      closed = true;
      this.open--;
      if (this.open === 0) {
        const waiters = [...this.waiters];
        this.waiters.clear();
        for (const wake of waiters) wake();
      }
    };
  }

  /**
   * Resolves when the next foreground piece opens: someone else is now waiting to be answered.
   * `stop` forgets the watch (call it once the answer it would change has gone).
   */
  nextArrival(): { arrived: Promise<void>; stop: () => void } {
    let notice!: () => void;
    const arrived = new Promise<void>((resolve) => (notice = resolve));
    this.arrivalWatchers.add(notice);
    return { arrived, stop: () => this.arrivalWatchers.delete(notice) };
  }

  /**
   * Resolves when a background step may run: after one turn of the event loop (so sockets and
   * timers are served), once nothing is in the foreground or after `maxWaitMs`.
   */
  backgroundTurn(): Promise<void> {
    return new Promise((resolve) => {
      setImmediate(() => {
        if (this.open === 0) return resolve();
        const wake = () => {
          clearTimeout(timer);
          this.waiters.delete(wake);
          // What closed the foreground (an acknowledgement being written) finishes first.
          setImmediate(resolve);
        };
        const timer = setTimeout(wake, this.maxWaitMs);
        this.waiters.add(wake);
      });
    });
  }
}

/** The process's one event loop has one foreground. */
export const foreground = new Foreground();
