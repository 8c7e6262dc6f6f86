// Commands take turns: never more than the queue's concurrency at once, in the order they came,
// and a failing command passes its turn on.

import { expect, test } from "vitest";
import { CommandQueue } from "../../src/core/command-queue.ts";

const later = () => new Promise((resolve) => setTimeout(resolve, 5));

test("runs at most `concurrency` commands at once, in the order they came", async () => {
  const queue = new CommandQueue(2);
  let running = 0;
  let most = 0;
  const order: number[] = [];
  const sizes: number[] = [];
  const results = await Promise.all(
    Array.from({ length: 7 }, (_, i) =>
      queue.run(async () => {
        running++;
        most = Math.max(most, running);
        order.push(i);
        sizes.push(queue.size);
        await later();
        running--;
        return i * 10;
      }),
    ),
  );
  expect(results).toEqual([0, 10, 20, 30, 40, 50, 60]);
  expect(most).toBe(2);
  expect(order).toEqual([0, 1, 2, 3, 4, 5, 6]);
  // All seven were counted while the first ran; none is left once they are done.
  expect(sizes[0]).toBe(7);
  expect(queue.size).toBe(0);
});

test("a command that fails gives its turn to the next", async () => {
  const queue = new CommandQueue(1);
  const failed = queue.run(async () => {
    throw new Error("boom");
  });
  const next = queue.run(async () => "ran");
  await expect(failed).rejects.toThrow("boom");
  expect(await next).toBe("ran");
  expect(queue.size).toBe(0);
});

test("refuses a concurrency below one", () => {
  expect(() => new CommandQueue(0)).toThrow(RangeError);
});

test("the next command's turn begins after a turn of the event loop, so sockets and timers are served between commands", async () => {
  const queue = new CommandQueue(1);
  const order: string[] = [];
  const first = queue.run(async () => {
    order.push("first");
    // Queued while the first runs: the event loop's next turn.
    setImmediate(() => order.push("event loop"));
  });
  const second = queue.run(async () => {
    order.push("second");
  });
  await Promise.all([first, second]);
  expect(order).toEqual(["first", "event loop", "second"]);
});
