// Handles stored before handles were normalised (NFKC, no invisible characters) are brought to
// the form a handle typed today has, at every start (it finds nothing to do once done): a
// full-width `ｋａｔｅ`, or `ka<U+200B>te`, becomes `kate`, found again by what people type.
// Two creators of one workspace whose handles become the same are never merged: the one already
// normal (or the older) keeps the handle; the other keeps its handle as stored and answers to
// `<handle>-<id>` (`kate-17`) until someone removes or merges it; /creator list flags it, and
// the start logs it. Only rows with a character outside printable ASCII are read.

import type { Database } from "./client.ts";
import { isUniqueViolation } from "./errors.ts";
import type { Provider } from "./url.ts";
import { normalHandle, normalHandleKey } from "../domain/look-alike-handles.ts";

export interface HandleCollision {
  workspaceId: number;
  /** The handle as stored, and the key it answers to now. */
  handle: string;
  answersTo: string;
  /** The creator whose handle it became. */
  sameAs: string;
}

export interface StoredHandlesReport {
  creators: number;
  accounts: number;
  collisions: HandleCollision[];
}

const NOT_PLAIN = { sqlite: (column: string) => `${column} GLOB '*[^ -~]*'`, postgresql: (column: string) => `${column} ~ '[^ -~]'` };

export async function normaliseStoredHandles(db: Database, provider: Provider): Promise<StoredHandlesReport> {
  const notPlain = NOT_PLAIN[provider];
  const report: StoredHandlesReport = { creators: 0, accounts: 0, collisions: [] };
  const creators = await db.$queryRawUnsafe<Array<{ id: number | bigint }>>(
    `SELECT "id" FROM "Creator" WHERE ${notPlain('"handle"')} OR ${notPlain('"handleKey"')} ORDER BY "id"`,
  );
  for (const { id } of creators) {
    const creator = await db.creator.findUnique({ where: { id: Number(id) } });
    if (!creator) continue;
    const handle = normalHandle(creator.handle);
    const key = normalHandleKey(creator.handle);
    if (key.length === 0 || (handle === creator.handle && key === creator.handleKey)) continue;
    const holder = await db.creator.findUnique({ where: { workspaceId_handleKey: { workspaceId: creator.workspaceId, handleKey: key } } });
    if (holder && holder.id !== creator.id) {
      const answersTo = `${key}-${creator.id}`;
      report.collisions.push({ workspaceId: creator.workspaceId, handle: creator.handle, answersTo, sameAs: holder.handle });
      if (creator.handleKey === answersTo) continue;
      try {
        await db.creator.update({ where: { id: creator.id }, data: { handleKey: answersTo } });
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        report.collisions.at(-1)!.answersTo = creator.handleKey; // a creator really is called kate-17: left as it was
      }
      continue;
    }
    try {
      await db.creator.update({ where: { id: creator.id }, data: { handle, handleKey: key } });
      report.creators++;
    } catch (error) {
      // Another replica starting at the same moment normalised it, or took the key first.
      if (!isUniqueViolation(error)) throw error;
    }
  }
  const accounts = await db.$queryRawUnsafe<Array<{ id: number | bigint; handle: string }>>(`SELECT "id", "handle" FROM "Account" WHERE ${notPlain('"handle"')} ORDER BY "id"`);
  for (const account of accounts) {
    const handle = normalHandle(account.handle);
    if (handle === account.handle || handle.length === 0) continue;
    await db.account.update({ where: { id: Number(account.id) }, data: { handle } });
    report.accounts++;
  }
  return report;
}
