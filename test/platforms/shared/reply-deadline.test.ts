// settlesWithin: a command's reply goes first when its work is done in time, else the acknowledgement.

import { afterEach, beforeEach, expect, test, vi } from "vitest";
import { REPLY_DEADLINE_MS, settlesWithin } from "../../../src/platforms/shared/reply-deadline.ts";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

const never = new Promise<string>(() => undefined);

test("work done in time gives its value", async () => {
  await expect(settlesWithin(Promise.resolve("reply"), REPLY_DEADLINE_MS)).resolves.toEqual({ settled: true, value: "reply" });
});

test("work still running at the deadline is not waited for", async () => {
  const first = settlesWithin(never, REPLY_DEADLINE_MS);
  await vi.advanceTimersByTimeAsync(REPLY_DEADLINE_MS);
  await expect(first).resolves.toEqual({ settled: false });
});

test("work that fails in time throws, and leaves no timer behind", async () => {
  await expect(settlesWithin(Promise.reject(new Error("boom")), REPLY_DEADLINE_MS)).rejects.toThrow("boom");
  expect(vi.getTimerCount()).toBe(0);
});
