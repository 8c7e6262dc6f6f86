// The ledger of requests already run, on SQLite and PostgreSQL: a fingerprint is recorded once,
// whichever replica (database client) records it, concurrent sightings included; old ones are
// forgotten; and when the database is slow or down, a process's own memory decides.

import pino from "pino";
import { afterAll, beforeAll, expect, test } from "vitest";
import { acknowledgementStore } from "../../src/db/acknowledgement-store.ts";
import type { Database } from "../../src/db/client.ts";
import { silentLogger } from "../../src/log.ts";
import { DatabaseLedger, REMEMBER_MS } from "../../src/platforms/shared/request-ledger.ts";
import { startTestBot, type TestBot } from "../helpers/core.ts";

let a: TestBot;
let b: TestBot;
beforeAll(async () => {
  a = await startTestBot();
  b = await startTestBot({ url: a.url }); // a second replica on the same database
});
afterAll(async () => {
  await b?.close();
  await a?.close();
});

const now = new Date("2026-12-03T10:00:00Z");

/** True when `fingerprint` is recorded now for the first time in `db`'s ledger. */
async function recordFirstSighting(db: Database, fingerprint: string, at: Date): Promise<boolean> {
  return (await acknowledgementStore(db).write([{ fingerprint, at }], [])).recorded.has(fingerprint);
}

test("a fingerprint is recorded once, by whichever replica comes first", async () => {
  expect(await recordFirstSighting(a.db, "fp-1", now)).toBe(true);
  expect(await recordFirstSighting(a.db, "fp-1", now)).toBe(false);
  expect(await recordFirstSighting(b.db, "fp-1", now)).toBe(false);
  expect(await acknowledgementStore(b.db).countSightings(["fp-1"])).toBe(1);
});

test("ten replicas' sightings of one request at once: exactly one is first", async () => {
  const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => recordFirstSighting(i % 2 ? a.db : b.db, "fp-race", now)));
  expect(answers.filter(Boolean)).toHaveLength(1);
});

test("sightings older than the limit are forgotten, newer ones kept", async () => {
  const old = new Date(now.getTime() - REMEMBER_MS - 1000);
  await recordFirstSighting(a.db, "fp-old", old);
  await recordFirstSighting(a.db, "fp-new", now);
  expect(await acknowledgementStore(a.db).forgetSightingsBefore(new Date(now.getTime() - REMEMBER_MS))).toBeGreaterThanOrEqual(1);
  expect(await acknowledgementStore(a.db).countSightings(["fp-old"])).toBe(0);
  expect(await acknowledgementStore(a.db).countSightings(["fp-new"])).toBe(1);
  // Forgotten, the old request would be refused by its signature's age anyway; its fingerprint is free again.
  expect(await recordFirstSighting(b.db, "fp-old", now)).toBe(true);
});

test("the database ledger: a replay to the other replica is refused; the ledger prunes what is past remembering", async () => {
  let clock = now.getTime();
  const ledgerA = new DatabaseLedger(a.db, silentLogger(), { now: () => clock });
  const ledgerB = new DatabaseLedger(b.db, silentLogger(), { now: () => clock });
  try {
    expect(await ledgerA.firstTime("fp-ledger")).toBe(true);
    expect(await ledgerA.firstTime("fp-ledger")).toBe(false);
    expect(await ledgerB.firstTime("fp-ledger")).toBe(false);
    clock += REMEMBER_MS + 1000;
    await ledgerB.prune();
    expect(await acknowledgementStore(a.db).countSightings(["fp-ledger"])).toBe(0);
  } finally {
    ledgerA.stop();
    ledgerB.stop();
  }
});

test("a slow or failing database: this process's memory decides, and still refuses its own replays", async () => {
  const never = { $queryRaw: () => new Promise(() => undefined) } as unknown as Database;
  const slow = new DatabaseLedger(never, silentLogger(), { waitMs: 50 });
  const lines: Array<Record<string, unknown>> = [];
  const log = pino({ level: "info" }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  const failing = new DatabaseLedger({ $queryRaw: async () => Promise.reject(new Error("database down")) } as unknown as Database, log);
  try {
    // The database never answers: an answer at all is the memory's.
    expect(await slow.firstTime("fp-slow")).toBe(true);
    expect(await slow.firstTime("fp-slow")).toBe(false);
    expect(await failing.firstTime("fp-down")).toBe(true);
    expect(await failing.firstTime("fp-down")).toBe(false);
    // A database down for many requests is one warning, not one per request.
    for (const fp of ["fp-down-2", "fp-down-3", "fp-down-4"]) expect(await failing.firstTime(fp)).toBe(true);
    expect(lines.map((l) => [l.msg, l.reason])).toEqual([["request ledger: this process's memory decided", "the database could not record the request"]]);
  } finally {
    slow.stop();
    failing.stop();
  }
});
