// The rows every command reads and writes around its handler (src/core/dispatch.ts), in raw SQL
// (raw.ts): the caller's workspace, member and linked creator in one statement, and the activity
// record. Through Prisma the look-up was a query plan and three statements (workspace, member,
// link, creator) and the record a plan and an INSERT … RETURNING, on every command
// (docs/performance.md, "Acknowledgements": CPU per command). The objects are those Prisma
// returned: the same fields, numbers, booleans, Dates and nulls, on both databases.

import { Prisma, type Member, type Workspace } from "../generated/prisma/client.ts";
import type { Db } from "./client.ts";
import { execute, queryRows } from "./raw.ts";

/** A member with the creator profile it is linked to (Prisma's include of creatorLink.creator {id, handle}). */
export type MemberWithLink = Member & { creatorLink: { creator: { id: number; handle: string } } | null };

interface Row {
  id: number;
  platform: string;
  externalId: string;
  name: string | null;
  timeZone: string;
  currency: string;
  tierNano: number;
  tierMicro: number;
  tierMacro: number;
  tierMega: number;
  createdAt: Date;
  updatedAt: Date;
  adviceMinOrders: number;
  adviceMinViews: number;
  adviceGraceHours: number;
  numberStyle: string;
  leaderboardMoneyHidden: boolean;
  creatorRoleId: string | null;
  m_id: number | null;
  m_workspaceId: number;
  m_externalId: string;
  m_displayName: string;
  m_role: Member["role"];
  m_createdAt: Date;
  m_updatedAt: Date;
  m_adminGranted: boolean;
  c_id: number | null;
  c_handle: string;
}

const COLUMNS = { booleans: ["leaderboardMoneyHidden", "m_adminGranted"], dates: ["createdAt", "updatedAt", "m_createdAt", "m_updatedAt"] };

/** The workspace (`platform`, `workspaceId`) and the member `userId` in it (null: none yet), or null when the workspace has no row yet. */
export async function findWorkspaceAndMember(
  db: Db,
  platform: string,
  workspaceId: string,
  userId: string,
): Promise<{ workspace: Workspace; member: MemberWithLink | null } | null> {
  const [row] = await queryRows<Row>(
    db,
    Prisma.sql`SELECT w."id", w."platform", w."externalId", w."name", w."timeZone", w."currency",
      w."tierNano", w."tierMicro", w."tierMacro", w."tierMega", w."createdAt", w."updatedAt",
      w."adviceMinOrders", w."adviceMinViews", w."adviceGraceHours", w."numberStyle",
      w."leaderboardMoneyHidden", w."creatorRoleId",
      m."id" AS "m_id", m."workspaceId" AS "m_workspaceId", m."externalId" AS "m_externalId",
      m."displayName" AS "m_displayName", m."role" AS "m_role", m."createdAt" AS "m_createdAt",
      m."updatedAt" AS "m_updatedAt", m."adminGranted" AS "m_adminGranted",
      c."id" AS "c_id", c."handle" AS "c_handle"
    FROM "Workspace" w
    LEFT JOIN "Member" m ON m."workspaceId" = w."id" AND m."externalId" = ${userId}
    LEFT JOIN "CreatorLink" l ON l."memberId" = m."id" AND l."workspaceId" = w."id"
    LEFT JOIN "Creator" c ON c."id" = l."creatorId" AND c."workspaceId" = w."id"
    WHERE w."platform" = ${platform} AND w."externalId" = ${workspaceId}`,
    COLUMNS,
  );
  if (!row) return null;
  const workspace: Workspace = {
    id: row.id,
    platform: row.platform,
    externalId: row.externalId,
    name: row.name,
    timeZone: row.timeZone,
    currency: row.currency,
    tierNano: row.tierNano,
    tierMicro: row.tierMicro,
    tierMacro: row.tierMacro,
    tierMega: row.tierMega,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    adviceMinOrders: row.adviceMinOrders,
    adviceMinViews: row.adviceMinViews,
    adviceGraceHours: row.adviceGraceHours,
    numberStyle: row.numberStyle,
    leaderboardMoneyHidden: row.leaderboardMoneyHidden,
    creatorRoleId: row.creatorRoleId,
  };
  if (row.m_id === null) return { workspace, member: null };
  const member: MemberWithLink = {
    id: row.m_id,
    workspaceId: row.m_workspaceId,
    externalId: row.m_externalId,
    displayName: row.m_displayName,
    role: row.m_role,
    createdAt: row.m_createdAt,
    updatedAt: row.m_updatedAt,
    adminGranted: row.m_adminGranted,
    creatorLink: row.c_id === null ? null : { creator: { id: row.c_id, handle: row.c_handle } },
  };
  return { workspace, member };
}

export interface ActivityRecord {
  workspaceId: number;
  memberId: number;
  command: string;
  summary: string;
  campaignId: number | null;
}

/** Records what a command did (the Activity row Prisma's create wrote: createdAt now, in the same form). */
export async function recordActivity(tx: Db, record: ActivityRecord): Promise<void> {
  await execute(
    tx,
    Prisma.sql`INSERT INTO "Activity" ("workspaceId", "memberId", "command", "summary", "createdAt", "campaignId")
      VALUES (${record.workspaceId}, ${record.memberId}, ${record.command}, ${record.summary}, ${new Date()}, ${record.campaignId})`,
  );
}
