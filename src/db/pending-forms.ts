// Modals waiting for their submission (Discord's forms: src/platforms/discord/private-form.ts):
// the command a modal completes, for whom, until when. In the database rather than one process's
// memory, so a modal submitted after a restart, or to another replica, still runs its command;
// taking one deletes it, so of two submissions (or two replicas) exactly one runs it.

import type { Db } from "./client.ts";

export interface StoredForm {
  id: string;
  platform: string;
  workspaceExternalId: string;
  userId: string;
  commandName: string;
  actionName: string;
  kind: string;
  /** The typed options as JSON (never the private ones). */
  raw: string;
  expiresAt: Date;
}

/** Keeps a waiting form; forms that expired more than a day ago go at the same time. */
export async function storeForm(db: Db, form: StoredForm, now: Date): Promise<void> {
  await db.pendingForm.deleteMany({ where: { expiresAt: { lt: new Date(now.getTime() - 86_400_000) } } });
  await db.pendingForm.create({ data: form });
}

export type TakenForm = { status: "taken"; form: StoredForm } | { status: "expired" } | { status: "unknown" };

/**
 * Takes the form a submission answers, once: "unknown" when there is none for this person in this
 * workspace (never made, already submitted, or someone else's), "expired" when its time ran out.
 */
export async function takeForm(db: Db, key: { id: string; platform: string; workspaceExternalId: string; userId: string }, now: Date): Promise<TakenForm> {
  const form = await db.pendingForm.findFirst({ where: key });
  if (!form) return { status: "unknown" };
  const taken = await db.pendingForm.deleteMany({ where: { id: form.id } });
  if (taken.count !== 1) return { status: "unknown" };
  return form.expiresAt > now ? { status: "taken", form } : { status: "expired" };
}
