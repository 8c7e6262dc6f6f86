// Work someone waits on goes first: a background step waits while anything is in the
// foreground, runs once it has all closed, and runs anyway after the longest wait allowed.

import { expect, test } from "vitest";
import { Foreground } from "../../src/core/foreground.ts";

/** Lets the event loop turn `n` times. */
const turns = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
};

const track = (promise: Promise<void>) => {
  const state = { done: false };
  void promise.then(() => (state.done = true));
  return state;
};

test("with nothing in the foreground, a background step runs after one turn of the event loop", async () => {
  const foreground = new Foreground(60_000);
  const step = track(foreground.backgroundTurn());
  expect(step.done).toBe(false);
  await turns(3);
  expect(step.done).toBe(true);
});

test("a background step waits until every foreground piece has closed", async () => {
  const foreground = new Foreground(60_000);
  const closeA = foreground.begin();
  const closeB = foreground.begin();
  expect(foreground.size).toBe(2);
  const step = track(foreground.backgroundTurn());
  await turns(10);
  expect(step.done).toBe(false);
  closeA();
  closeA(); // closing twice closes once
  expect(foreground.size).toBe(1);
  await turns(10);
  expect(step.done).toBe(false);
  closeB();
  expect(foreground.size).toBe(0);
  await turns(3);
  expect(step.done).toBe(true);
});

test("a background step runs after the longest wait even if the foreground never empties", async () => {
  const foreground = new Foreground(20);
  foreground.begin();
  await foreground.backgroundTurn();
  expect(foreground.size).toBe(1);
});

test("a watch for the next arrival resolves when the next foreground piece opens, not for one already open", async () => {
  const foreground = new Foreground(60_000);
  foreground.begin();
  const watch = foreground.nextArrival();
  const arrived = track(watch.arrived);
  await turns(3);
  expect(arrived.done).toBe(false);
  foreground.begin();
  await turns(1);
  expect(arrived.done).toBe(true);
});

test("a watch stopped before the next arrival never resolves", async () => {
  const foreground = new Foreground(60_000);
  const watch = foreground.nextArrival();
  const arrived = track(watch.arrived);
  watch.stop();
  foreground.begin();
  await turns(3);
  expect(arrived.done).toBe(false);
});
