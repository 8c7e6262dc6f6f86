// Suggestions while someone types a creator handle or a campaign name (Discord autocomplete):
// only the caller's workspace, names starting with the text first, then names containing it.

import type { ChatPlatform } from "../generated/prisma/enums.ts";
import type { Db } from "./client.ts";

export interface WorkspaceRef {
  platform: ChatPlatform;
  externalId: string;
}

export const MAX_SUGGESTIONS = 25;

/** What was typed, as the normalised keys store it: lower case, no "@", no quotes. */
const keyOf = (typed: string) =>
  typed
    .trim()
    .replace(/^["“„'‘]+|["”'’]+$/g, "")
    .replace(/^@/, "")
    .toLowerCase();

async function workspaceId(db: Db, ref: WorkspaceRef): Promise<number | null> {
  const workspace = await db.workspace.findUnique({ where: { platform_externalId: ref }, select: { id: true } });
  return workspace?.id ?? null;
}

/**
 * Prefix matches, then substring matches, in the query's order. SQL LIKE (what Prisma's
 * startsWith/contains become) reads "_" and "%" as wildcards, and handles may contain "_": such
 * text is matched loosely in SQL and exactly here.
 */
async function ranked<T>(
  key: string,
  limit: number,
  keyOf: (row: T) => string,
  find: (filter: { startsWith: string } | { contains: string; notStartsWith?: string }, take: number | undefined) => Promise<T[]>,
): Promise<T[]> {
  const loose = /[%_\\]/.test(key);
  const take = loose ? undefined : limit;
  const prefix = (await find({ startsWith: key }, take)).filter((row) => keyOf(row).startsWith(key)).slice(0, limit);
  if (prefix.length >= limit || key === "") return prefix;
  const inside = (await find(loose ? { contains: key } : { contains: key, notStartsWith: key }, take))
    .filter((row) => !keyOf(row).startsWith(key) && keyOf(row).includes(key))
    .slice(0, limit - prefix.length);
  return [...prefix, ...inside];
}

function keyFilter(filter: { startsWith: string } | { contains: string; notStartsWith?: string }) {
  if ("startsWith" in filter) return { startsWith: filter.startsWith };
  return filter.notStartsWith === undefined ? { contains: filter.contains } : { contains: filter.contains, not: { startsWith: filter.notStartsWith } };
}

/** Creator handles (without "@") matching what was typed. */
export async function suggestCreators(db: Db, ref: WorkspaceRef, typed: string, limit = MAX_SUGGESTIONS): Promise<string[]> {
  const id = await workspaceId(db, ref);
  if (id === null) return [];
  const rows = await ranked<{ handle: string; handleKey: string }>(keyOf(typed), limit, (c) => c.handleKey, (filter, take) =>
    db.creator.findMany({ where: { workspaceId: id, handleKey: keyFilter(filter) }, select: { handle: true, handleKey: true }, orderBy: { handleKey: "asc" }, take }),
  );
  return rows.map((c) => c.handle);
}

/** Campaign names matching what was typed; active campaigns before closed ones in each group. */
export async function suggestCampaigns(db: Db, ref: WorkspaceRef, typed: string, limit = MAX_SUGGESTIONS): Promise<string[]> {
  const id = await workspaceId(db, ref);
  if (id === null) return [];
  const rows = await ranked<{ name: string; nameKey: string }>(keyOf(typed), limit, (c) => c.nameKey, (filter, take) =>
    db.campaign.findMany({
      where: { workspaceId: id, nameKey: keyFilter(filter) },
      select: { name: true, nameKey: true },
      orderBy: [{ status: "asc" }, { nameKey: "asc" }],
      take,
    }),
  );
  return rows.map((c) => c.name);
}
