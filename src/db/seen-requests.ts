// The ledger of signed requests already run (SeenRequest), shared by every process on the
// database: inserting a request's fingerprint succeeds for exactly one of them, whichever
// replica the request (or its replay) reaches. Kept in the acknowledgement store (on SQLite its
// side file); requests waiting together are recorded in one write (acknowledgement-writes.ts).

import { acknowledgementStore } from "./acknowledgement-store.ts";
import type { Database } from "./client.ts";

/** True when this is the first sighting of `fingerprint` (it is recorded now); false when it was recorded before. */
export async function recordFirstSighting(db: Database, fingerprint: string, now: Date): Promise<boolean> {
  return (await acknowledgementStore(db).write([{ fingerprint, at: now }], [])).recorded.has(fingerprint);
}

/** Forgets the sightings before `before`; returns how many. */
export function forgetSightingsBefore(db: Database, before: Date): Promise<number> {
  return acknowledgementStore(db).forgetSightingsBefore(before);
}
