// After a big job the bot gives its garbage back at once, instead of whenever V8 next notices
// it is quiet: the heap a digest left behind is collected a moment after releaseMemorySoon.

import { expect, test } from "vitest";
import { releaseMemorySoon } from "../../src/core/release-memory.ts";

const heapMb = () => process.memoryUsage().heapUsed / 1048576;

test("a full collection runs shortly after the last call, and the garbage of a big job is gone", async () => {
  let garbage: string[][] | null = [];
  for (let i = 0; i < 60; i++) garbage.push(Array.from({ length: 65_536 }, (_, j) => `row ${i}:${j}`));
  garbage = null;
  const before = heapMb();
  expect(before).toBeGreaterThan(100);

  releaseMemorySoon(20);
  releaseMemorySoon(20); // calls in a row share one collection
  await new Promise((resolve) => setTimeout(resolve, 400));
  expect(heapMb()).toBeLessThan(before - 80);
});
