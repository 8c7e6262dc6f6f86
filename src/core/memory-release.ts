// Gives back the memory a big job leaves behind, soon after it. A digest of a large campaign
// reads its whole roster (its charts are drawn in a child process, src/charts/chart-process.ts,
// which gives its memory back by ending): at 10,000 creators some 110 MB of garbage,
// which V8 keeps resident until its memory reducer decides the process is quiet (measured: 20 s
// after the digest in most runs, still not 40 s after in one). A full collection a moment after
// the last big job returns those pages at once (a few milliseconds when the heap is mostly
// garbage). It needs V8's `gc`, which Node exposes with its documented `--expose-gc` flag: the
// npm scripts start the bot with it; without it (tests, a bare `node src/main.ts`) this does
// nothing and V8 gives the memory back in its own time.

/** How long after the last big job the collection runs (big jobs in a row share one). */
export const RELEASE_DELAY_MS = 2000;

export class MemoryRelease {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly collect: (() => void) | undefined = globalThis.gc,
    readonly delayMs = RELEASE_DELAY_MS,
  ) {}

  /** Runs a full garbage collection `delayMs` after the last call; the timer never keeps the process alive. */
  soon(): void {
    const collect = this.collect;
    if (!collect) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      // After a turn of the event loop, so requests already waiting are read first.
      setImmediate(() => collect());
    }, this.delayMs);
    this.timer.unref();
  }

  /** Forgets a collection not run yet. */
  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
