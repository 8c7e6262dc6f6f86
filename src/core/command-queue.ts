// Commands take turns: at most `concurrency` run at once, the rest wait in the order they came.
// A command waiting here costs nothing but its place in line, so a burst of them (acknowledged
// at once by Slack's adapter) does not pile up half-started work on the event loop; and each
// turn begins after a turn of the event loop, so sockets and timers are served in between.

export class CommandQueue {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly concurrency: number) {
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`concurrency must be a whole number ≥ 1, not ${concurrency}`);
  }

  /** Commands running or waiting for their turn. */
  get size(): number {
    return this.active + this.waiting.length;
  }

  run<T>(work: () => Promise<T>): Promise<T> {
    let turn: Promise<void>;
    if (this.active < this.concurrency && this.waiting.length === 0) {
      this.active++;
      turn = Promise.resolve();
    } else {
      turn = new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    return turn.then(work).finally(() => this.release());
  }

  private release(): void {
    const next = this.waiting.shift();
    // The turn passes straight to the next in line (the count of running stays the same).
    if (next) setImmediate(next);
    else this.active--;
  }
}
