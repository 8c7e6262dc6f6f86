// The ledger of signed requests already run (SeenRequest), shared by every process on the
// database: inserting a request's fingerprint succeeds for exactly one of them, whichever
// replica the request (or its replay) reaches. Requests waiting together are recorded in one
// statement (acknowledgement-writes.ts).

import { Prisma } from "../generated/prisma/client.ts";
import type { Db } from "./client.ts";

/** Inserts the fingerprints not recorded yet, in one statement; returns those it inserted. */
export function insertSightings(db: Pick<Db, "$queryRaw">, sightings: ReadonlyArray<{ fingerprint: string; at: Date }>) {
  return db.$queryRaw<Array<{ fingerprint: string }>>`
    INSERT INTO "SeenRequest" ("fingerprint", "seenAt")
    VALUES ${Prisma.join(sightings.map((s) => Prisma.sql`(${s.fingerprint}, ${s.at})`))}
    ON CONFLICT DO NOTHING
    RETURNING "fingerprint"`;
}

/** True when this is the first sighting of `fingerprint` (it is recorded now); false when it was recorded before. */
export async function recordFirstSighting(db: Db, fingerprint: string, now: Date): Promise<boolean> {
  return (await insertSightings(db, [{ fingerprint, at: now }])).length === 1;
}

/** Forgets the sightings before `before`; returns how many. */
export async function forgetSightingsBefore(db: Db, before: Date): Promise<number> {
  return (await db.seenRequest.deleteMany({ where: { seenAt: { lt: before } } })).count;
}
