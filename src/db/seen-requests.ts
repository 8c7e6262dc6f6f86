// The ledger of signed requests already run (SeenRequest), shared by every process on the
// database: inserting a request's fingerprint succeeds for exactly one of them, whichever
// replica the request (or its replay) reaches.

import type { Db } from "./client.ts";
import { isUniqueViolation } from "./errors.ts";

/** True when this is the first sighting of `fingerprint` (it is recorded now); false when it was recorded before. */
export async function recordFirstSighting(db: Db, fingerprint: string, now: Date): Promise<boolean> {
  try {
    await db.seenRequest.create({ data: { fingerprint, seenAt: now } });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

/** Forgets the sightings before `before`; returns how many. */
export async function forgetSightingsBefore(db: Db, before: Date): Promise<number> {
  return (await db.seenRequest.deleteMany({ where: { seenAt: { lt: before } } })).count;
}
