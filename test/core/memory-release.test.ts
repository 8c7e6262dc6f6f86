// After a big job the bot gives its garbage back at once, instead of whenever V8 next notices
// it is quiet: one full collection a moment after the last of several big jobs.

import { afterEach, expect, test, vi } from "vitest";
import { MemoryRelease } from "../../src/core/memory-release.ts";

afterEach(() => {
  vi.useRealTimers();
});

test("big jobs in a row share one full collection, run after the delay", () => {
  vi.useFakeTimers();
  let collections = 0;
  const memory = new MemoryRelease(() => collections++, 2000);
  memory.soon();
  vi.advanceTimersByTime(1500);
  memory.soon(); // a second digest: the collection waits for it
  vi.advanceTimersByTime(1500);
  vi.runAllTicks();
  expect(collections).toBe(0);
  vi.advanceTimersByTime(600);
  vi.runOnlyPendingTimers(); // the setImmediate after the timer
  expect(collections).toBe(1);
});

test("without V8's gc (node started without --expose-gc) nothing is scheduled", () => {
  vi.useFakeTimers();
  const memory = new MemoryRelease(undefined, 10);
  memory.soon();
  expect(vi.getTimerCount()).toBe(0);
});

test("stop forgets a collection not run yet", () => {
  vi.useFakeTimers();
  let collections = 0;
  const memory = new MemoryRelease(() => collections++, 10);
  memory.soon();
  memory.stop();
  vi.runAllTimers();
  expect(collections).toBe(0);
});
