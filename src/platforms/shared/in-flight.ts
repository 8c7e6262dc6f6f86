// Commands being worked on, so stopping can wait for them to finish.

export class InFlight {
  private readonly running = new Set<Promise<unknown>>();
  private waiters: Array<() => void> = [];

  get size() {
    return this.running.size;
  }

  /** Runs `work` and keeps it counted until it settles (its errors stay with the caller). */
  run<T>(work: () => Promise<T>): Promise<T> {
    const promise = work();
    this.running.add(promise);
    const done = () => {
      this.running.delete(promise);
      if (this.running.size === 0) {
        const waiters = this.waiters;
        this.waiters = [];
        for (const wake of waiters) wake();
      }
    };
    promise.then(done, done);
    return promise;
  }

  /** Resolves once nothing is running. */
  idle(): Promise<void> {
    if (this.running.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}
