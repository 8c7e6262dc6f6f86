// The migrations, on SQLite and, when TEST_DATABASE_URL names a server, on PostgreSQL too: each
// database is migrated once on first start (also when replicas start together), each migration
// in a transaction; an edited, failed or unknown migration stops start-up; replaying them
// builds what prisma/schema.prisma describes; the data migrations keep every row. And, offline,
// every SQLite migration has a PostgreSQL twin made from the same schema.

import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase, type Database, type OpenOptions, type Provider } from "../../src/db/client.ts";
import { applyMigrations, MIGRATION_DIRS, MigrationError, readMigrations } from "../../src/db/migrate.ts";
import { diffSchemas, enumShape, int64Shape, postgresqlSchema, postgresqlSchemaFile, SCHEMA_PATH } from "../../src/db/schema-diff.ts";
import { splitStatements } from "../../src/db/sql-statements.ts";
import { postKey } from "../../src/domain/post-urls.ts";
import { CampaignObjective, CampaignStatus, CreatorStatus, DigestRunStatus, SocialNetwork } from "../../src/generated/prisma/enums.ts";
import { expectOk, startTestBot, type TestBot } from "../helpers/core.ts";
import { dropDatabase, freshDatabaseUrl, tempDir, TEST_DATABASE_URL } from "../helpers/database.ts";

/** Workspace.platform stays a String (the chat platforms are listed in src/platforms/registry.ts). */
const CHAT_PLATFORMS = ["slack", "discord", "local"];

const providers: Provider[] = TEST_DATABASE_URL ? ["sqlite", "postgresql"] : ["sqlite"];

const opened: Database[] = [];
const urls: string[] = [];
afterAll(async () => {
  await Promise.all(opened.splice(0).map((db) => db.$disconnect()));
  for (const url of urls.splice(0)) await dropDatabase(url);
});

function freshUrl(provider: Provider): string {
  const url = freshDatabaseUrl("test", provider);
  urls.push(url);
  return url;
}

async function open(url: string, options: OpenOptions = { migrate: false }): Promise<Database> {
  const db = await openDatabase(url, { poolSize: 2, ...options });
  opened.push(db);
  return db;
}

/** A database of its own, not migrated. */
const fresh = (provider: Provider) => open(freshUrl(provider));

const tables = async (db: Database, provider: Provider) =>
  (
    await db.$queryRawUnsafe<{ name: string }[]>(
      provider === "sqlite"
        ? `SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`
        : `SELECT table_name::text AS name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY 1`,
    )
  ).map((t) => t.name);

const appliedNames = async (db: Database) =>
  (await db.$queryRawUnsafe<{ migration_name: string }[]>(`SELECT migration_name FROM _prisma_migrations ORDER BY migration_name`)).map((r) => r.migration_name);

/** Tables, columns, types, defaults, indexes and constraints of the database, as text. */
async function shape(db: Database, provider: Provider) {
  if (provider === "sqlite") {
    // The SQL text as SQLite keeps it, with its white space evened out (a column added by ALTER
    // TABLE is written into the CREATE statement on the same line as the one before it, after a
    // space before the comma, and the last before the closing parenthesis without one).
    return (
      await db.$queryRawUnsafe<{ name: string; sql: string }[]>(
        `SELECT name, sql FROM sqlite_master WHERE name NOT LIKE '_prisma%' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
      )
    ).map(({ name, sql }) => ({ name, sql: sql.replace(/\s+/g, " ").replace(/ ?([,)]) ?/g, "$1 ").trim() }));
  }
  return {
    columns: await db.$queryRawUnsafe(
      `SELECT table_name::text, column_name::text, data_type::text, udt_name::text, is_nullable::text, column_default::text FROM information_schema.columns
       WHERE table_schema = current_schema() AND table_name <> '_prisma_migrations' ORDER BY 1, 2`,
    ),
    enums: await db.$queryRawUnsafe(
      `SELECT t.typname::text AS name, e.enumlabel::text AS label, e.enumsortorder::float8 AS position FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
       WHERE t.typnamespace = current_schema()::regnamespace ORDER BY 1, 3`,
    ),
    indexes: await db.$queryRawUnsafe(
      `SELECT indexname::text, replace(indexdef, current_schema() || '.', '') AS def FROM pg_indexes
       WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations' ORDER BY 1`,
    ),
    constraints: await db.$queryRawUnsafe(
      `SELECT conname::text, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE connamespace = current_schema()::regnamespace AND conname NOT LIKE '_prisma%' ORDER BY 1`,
    ),
  };
}

/** A copy of the committed migrations (those `keep` keeps) that a test may change. */
function copyMigrations(provider: Provider, keep: (name: string) => boolean = () => true): string {
  const dir = path.join(tempDir(), "migrations");
  for (const { name } of readMigrations(MIGRATION_DIRS[provider]).filter((m) => keep(m.name))) {
    cpSync(path.join(MIGRATION_DIRS[provider], name), path.join(dir, name), { recursive: true });
  }
  return dir;
}

/** prisma/schema.prisma for this provider (PostgreSQL: a copy with the provider swapped). */
const schemaFor = (provider: Provider) => (provider === "sqlite" ? SCHEMA_PATH : postgresqlSchemaFile(SCHEMA_PATH));
const diffOptions = { postgresUrl: TEST_DATABASE_URL ?? undefined };

/** A bot on a database of its own that has logged two creators' codes, a tracking link and four orders in "Spring". */
async function botWithOrders(provider: Provider): Promise<TestBot> {
  const bot = await startTestBot({ url: freshUrl(provider), now: () => new Date("2026-12-05T10:00:00Z") });
  for (const line of [
    "/creator add kate tiktok 48k",
    "/creator add tom tiktok 9k",
    "/campaign new Spring",
    "/campaign enroll Spring kate",
    "/campaign enroll Spring tom",
    "/code add kate Spring code:KATE15",
    "/code link kate Spring https://shop.example/bells",
    "/code add tom Spring code:TOM10",
    "/code redeem KATE15 $10 order:1 date:2026-12-01",
    "/code redeem KATE15 $20.50 order:2 date:2026-12-01",
    "/code redeem KATE15 $300 orders:4 date:2026-12-02",
    "/code redeem TOM10 $5 order:3 date:2026-12-01",
  ]) {
    expectOk(await bot.run(line));
  }
  return bot;
}

/** Takes the migration whose name ends with `suffix` back (`undo` restores the schema from before it) and applies it again, alone. */
async function replayMigration(bot: TestBot, provider: Provider, suffix: string, undo: string[]): Promise<void> {
  const name = readMigrations(MIGRATION_DIRS[provider]).find((m) => m.name.endsWith(suffix))!.name;
  for (const statement of undo) await bot.db.$executeRawUnsafe(statement);
  await bot.db.$executeRawUnsafe(`DELETE FROM "_prisma_migrations" WHERE "migration_name" = '${name}'`);
  expect(await applyMigrations(bot.db, provider)).toMatchObject({ applied: [name] });
}

/** Rows in every table, with every value of every closed vocabulary, written as SQL both databases read. */
async function fillEveryTable(db: Database): Promise<void> {
  const at = "'2026-12-01T10:00:00.000Z'";
  const literal = (v: string | number | null) => (v === null ? "NULL" : typeof v === "number" ? String(v) : `'${v.replace(/'/g, "''")}'`);
  // An @updatedAt column (last when named) has no database default: it gets `at`.
  const insert = async (table: string, columns: string[], rows: (string | number | null)[][]) => {
    const stamped = columns.at(-1) === "updatedAt";
    const values = rows.map((row) => `(${[...row.map(literal), ...(stamped ? [at] : [])].join(", ")})`);
    await db.$executeRawUnsafe(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES ${values.join(", ")}`);
  };
  const networks = Object.values(SocialNetwork);
  const campaignStatuses = Object.values(CampaignStatus);
  await insert("Workspace", ["id", "platform", "externalId", "updatedAt"], CHAT_PLATFORMS.map((p, i) => [i + 1, p, `W${i}`]));
  // The third member takes the column's default role.
  await insert("Member", ["id", "workspaceId", "externalId", "displayName", "role", "updatedAt"], [[1, 1, "U1", "alice", "admin"], [2, 1, "U2", "bob", "member"]]);
  await insert("Member", ["id", "workspaceId", "externalId", "displayName", "updatedAt"], [[3, 1, "U3", "carol"]]);
  await insert("Creator", ["id", "workspaceId", "handle", "handleKey", "ownerId", "status", "updatedAt"], Object.values(CreatorStatus).map((s, i) => [i + 1, 1, `c${i}`, `c${i}`, 1, s]));
  await insert("Account", ["id", "workspaceId", "creatorId", "platform", "handle", "followers", "updatedAt"], networks.map((n, i) => [i + 1, 1, 1, n, "c0", 1000 * (i + 1)]));
  await insert(
    "Campaign",
    ["id", "workspaceId", "name", "nameKey", "slug", "objective", "currency", "status", "updatedAt"],
    Object.values(CampaignObjective).map((o, i) => [i + 1, 1, `C${i}`, `c${i}`, `c${i}`, o, "USD", campaignStatuses[i % campaignStatuses.length]!]),
  );
  await insert("Enrolment", ["id", "workspaceId", "campaignId", "creatorId", "updatedAt"], [[1, 1, 1, 1], [2, 1, 1, 2]]);
  await insert(
    "Post",
    ["id", "workspaceId", "campaignId", "creatorId", "enrolmentId", "accountId", "url", "urlKey", "platform", "format", "postedAt", "postedDay", "views", "updatedAt"],
    networks.map((n, i) => [i + 1, 1, 1, 1, 1, i + 1, `https://example.com/${i}`, `example.com/${i}`, n, i % 2 ? "short-video" : null, "2026-12-01T10:00:00.000Z", "2026-12-01", 100 * i]),
  );
  await insert("MetricSnapshot", ["postId", "views", "likes", "comments", "shares", "saves", "clicks"], networks.flatMap((_, i) => [[i + 1, 50 * i, 1, 1, 1, 1, 1], [i + 1, 100 * i, 2, 2, 2, 2, 2]]));
  await insert("Code", ["id", "workspaceId", "campaignId", "creatorId", "enrolmentId", "kind", "code", "url", "orders", "revenue"], [[1, 1, 1, 1, 1, "code", "KATE15", null, 3, 4500], [2, 1, 1, 1, 1, "link", null, "https://shop.example/x", 0, 0]]);
  await insert("Redemption", ["workspaceId", "campaignId", "creatorId", "codeId", "orderId", "orders", "revenue", "day"], [[1, 1, 1, 1, "1", 1, 1000, "2026-12-01"], [1, 1, 1, 1, "2", 1, 1500, "2026-12-01"], [1, 1, 1, 1, "3", 1, 2000, "2026-12-02"]]);
  await insert("SalesDay", ["workspaceId", "campaignId", "creatorId", "day", "orders", "revenue"], [[1, 1, 1, "2026-12-01", 2, 2500], [1, 1, 1, "2026-12-02", 1, 2000]]);
  await insert("DigestSchedule", ["id", "workspaceId", "campaignId", "channelId", "frequency", "weekday", "time", "timeZone", "updatedAt"], [[1, 1, 1, "C1", "daily", null, "09:00", "UTC"], [2, 1, null, "C1", "weekly", 1, "09:00", "UTC"]]);
  await insert("DigestRun", ["scheduleId", "period", "status", "claimedBy", "leaseUntil"], Object.values(DigestRunStatus).map((s, i) => [1, `2026-11-2${i}`, s, "runner", "2026-12-01T10:05:00.000Z"]));
  await insert("Activity", ["workspaceId", "memberId", "command", "summary"], [[1, 1, "/creator add", "added @c0"]]);
}

describe.each(providers)("migrations on %s", (provider) => {
  const all = readMigrations(MIGRATION_DIRS[provider]).map((m) => m.name);

  it("a new database is migrated on first start, and the next start applies nothing", async () => {
    const url = freshUrl(provider);
    let report: unknown;
    const db = await open(url, { onMigrated: (r) => (report = r) });
    expect(report).toEqual({ applied: all, alreadyApplied: 0 });
    expect(await tables(db, provider)).toEqual(expect.arrayContaining(["Workspace", "Creator", "Redemption", "DigestRun", "_prisma_migrations"]));
    expect(await applyMigrations(db, provider)).toEqual({ applied: [], alreadyApplied: all.length });
    const rows = await db.$queryRawUnsafe<{ migration_name: string; checksum: string; finished_at: unknown }[]>(
      `SELECT migration_name, checksum, finished_at FROM _prisma_migrations ORDER BY migration_name`,
    );
    expect(rows.map((r) => r.migration_name)).toEqual(all);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.checksum) && r.finished_at)).toBe(true);
  });

  // On SQLite: the bot, the shell and npm run jobs starting together on a new file.
  it("replicas starting together on an empty database migrate it once", async () => {
    const url = freshUrl(provider);
    const reports: string[][] = [];
    const replicas = await Promise.all([1, 2, 3].map(() => open(url, { onMigrated: (r) => reports.push(r.applied) })));
    expect(reports.flat().sort()).toEqual(all);
    expect(await appliedNames(replicas[0]!)).toEqual(all);
  });

  it("a migration that fails is rolled back whole, DDL included, and stops start-up", async () => {
    const dir = copyMigrations(provider);
    mkdirSync(path.join(dir, "29990101000000_broken"));
    writeFileSync(
      path.join(dir, "29990101000000_broken", "migration.sql"),
      `CREATE TABLE "HalfDone" ("id" INTEGER NOT NULL PRIMARY KEY);\nALTER TABLE "NoSuchTable" ADD COLUMN "x" TEXT;\n`,
    );
    const db = await fresh(provider);
    await expect(applyMigrations(db, provider, dir)).rejects.toThrow(MigrationError);
    await expect(applyMigrations(db, provider, dir)).rejects.toThrow(/29990101000000_broken failed and was rolled back/);
    expect(await tables(db, provider)).not.toContain("HalfDone");
    expect(await tables(db, provider)).toContain("Workspace");
    expect(await appliedNames(db)).toEqual(all);
  });

  it("an applied migration that was edited stops start-up and changes nothing", async () => {
    const dir = copyMigrations(provider);
    const db = await fresh(provider);
    await applyMigrations(db, provider, dir);
    const first = readMigrations(dir)[0]!;
    writeFileSync(path.join(dir, first.name, "migration.sql"), `${first.sql}\n-- edited\nCREATE TABLE "Sneaky" ("id" INTEGER);\n`);
    const before = await tables(db, provider);
    await expect(applyMigrations(db, provider, dir)).rejects.toThrow(/was edited after it was applied/);
    expect(await tables(db, provider)).toEqual(before);
  });

  it("a database migrated by a newer version is refused", async () => {
    const db = await fresh(provider);
    await applyMigrations(db, provider);
    await db.$executeRawUnsafe(
      `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES ('x', 'y', '2030-01-01', '29990101000000_future', '2030-01-01', 1)`,
    );
    await expect(applyMigrations(db, provider)).rejects.toThrow(/does not have/);
  });

  it("sales_days adds up the orders logged before it, per creator and day", async () => {
    const bot = await botWithOrders(provider);
    try {
      const salesDays = () => bot.db.salesDay.findMany({ select: { creatorId: true, day: true, orders: true, revenue: true }, orderBy: [{ creatorId: "asc" }, { day: "asc" }] });
      const logged = await salesDays();
      expect(logged.map((d) => [d.day, d.orders, d.revenue])).toEqual([
        ["2026-12-01", 2, 3050],
        ["2026-12-02", 4, 30000],
        ["2026-12-01", 1, 500],
      ]);
      // As a database from before the migration: no SalesDay table.
      await replayMigration(bot, provider, "_sales_days", [`DROP TABLE "SalesDay"`]);
      expect(await salesDays()).toEqual(logged);
    } finally {
      await bot.close();
    }
  });

  it("code_totals adds up each code's orders logged before it, and keeps every order", async () => {
    const bot = await botWithOrders(provider);
    try {
      const totals = () => bot.db.code.findMany({ select: { code: true, kind: true, orders: true, revenue: true }, orderBy: { id: "asc" } });
      const logged = await totals();
      expect(logged.map((c) => [c.code ?? c.kind, c.orders, c.revenue])).toEqual([
        ["KATE15", 6, 33050],
        ["link", 0, 0],
        ["TOM10", 1, 500],
      ]);
      // As a database from before the migration: no totals on codes.
      await replayMigration(bot, provider, "_code_totals", [`ALTER TABLE "Code" DROP COLUMN "orders"`, `ALTER TABLE "Code" DROP COLUMN "revenue"`]);
      expect(await totals()).toEqual(logged);
      expect(await bot.db.redemption.count()).toBe(4);
    } finally {
      await bot.close();
    }
  });

  it("closed_vocabularies keeps every row of every table, and its values read back as enums", async () => {
    const target = all.find((name) => name.endsWith("_closed_vocabularies"))!;
    const db = await fresh(provider);
    await applyMigrations(db, provider, copyMigrations(provider, (name) => name < target));
    await fillEveryTable(db);
    const counts = async () => {
      const names = (await tables(db, provider)).filter((t) => t !== "_prisma_migrations" && !t.startsWith("sqlite_"));
      return Object.fromEntries(await Promise.all(names.map(async (t) => [t, Number((await db.$queryRawUnsafe<{ n: unknown }[]>(`SELECT COUNT(*) AS n FROM "${t}"`))[0]!.n)])));
    };
    const before = await counts();
    expect(Object.keys(before)).toHaveLength(14);
    expect(Object.entries(before).filter(([, n]) => n === 0)).toEqual([]);

    expect(await applyMigrations(db, provider, copyMigrations(provider, (name) => name <= target))).toEqual({ applied: [target], alreadyApplied: all.indexOf(target) });
    expect(await counts()).toEqual(before);
    const values = <T, K extends keyof T>(rows: T[], key: K) => rows.map((row) => row[key]);
    expect(values(await db.workspace.findMany({ orderBy: { id: "asc" }, select: { platform: true } }), "platform")).toEqual(CHAT_PLATFORMS);
    expect(values(await db.member.findMany({ orderBy: { id: "asc" }, select: { role: true } }), "role")).toEqual(["admin", "member", "member"]);
    expect(values(await db.creator.findMany({ orderBy: { id: "asc" } }), "status")).toEqual(Object.values(CreatorStatus));
    expect(values(await db.account.findMany({ orderBy: { id: "asc" } }), "platform")).toEqual(Object.values(SocialNetwork));
    // Only the columns this migration knows (Campaign.alertsChannelId came later).
    const campaigns = await db.campaign.findMany({ orderBy: { id: "asc" }, select: { objective: true, status: true } });
    expect(values(campaigns, "objective")).toEqual(Object.values(CampaignObjective));
    expect(values(campaigns, "status")).toEqual(["active", "closed", "active", "closed", "active"]);
    const posts = await db.post.findMany({ orderBy: { id: "asc" }, select: { platform: true, format: true } });
    expect(values(posts, "platform")).toEqual(Object.values(SocialNetwork));
    expect(values(posts, "format")).toEqual(posts.map((_, i) => (i % 2 ? "short-video" : null)));
    expect(values(await db.code.findMany({ orderBy: { id: "asc" } }), "kind")).toEqual(["code", "link"]);
    expect(values(await db.digestSchedule.findMany({ orderBy: { id: "asc" } }), "frequency")).toEqual(["daily", "weekly"]);
    expect(values(await db.digestRun.findMany({ orderBy: { id: "asc" } }), "status")).toEqual(Object.values(DigestRunStatus));
    // The enums are what the client filters and writes by, and a new row takes the defaults (ids
    // given: the rows above were written with theirs, which PostgreSQL's sequences did not see).
    expect(await db.creator.count({ where: { status: "paused" } })).toBe(1);
    // Only the columns this migration knows: the client also knows those of later migrations.
    const workspace = await db.workspace.findUniqueOrThrow({ where: { platform_externalId: { platform: "discord", externalId: "W1" } }, select: { id: true } });
    // Written in SQL: the client would also write columns of later migrations (Member.adminGranted).
    await db.$executeRaw`INSERT INTO "Member" ("id", "workspaceId", "externalId", "displayName", "updatedAt") VALUES (100, ${workspace.id}, 'U9', 'dan', CURRENT_TIMESTAMP)`;
    expect(await db.member.findUniqueOrThrow({ where: { id: 100 }, select: { role: true } })).toEqual({ role: "member" });
    // Written in SQL too: the client would also write columns of later migrations (Campaign.remindDays, Campaign.approval).
    await db.$executeRaw`INSERT INTO "Campaign" ("id", "workspaceId", "name", "nameKey", "slug", "currency", "updatedAt") VALUES (100, ${workspace.id}, 'New', 'new', 'new', 'USD', CURRENT_TIMESTAMP)`;
    const campaign = await db.campaign.findUniqueOrThrow({ where: { id: 100 }, select: { objective: true, status: true } });
    expect([campaign.objective, campaign.status]).toEqual(["sales", "active"]);
  });

  it("corrections counts an order written #1001 and 1001 once, says so in the activity log, and adds the totals up again", async () => {
    const target = all.find((name) => name.endsWith("_corrections"))!;
    const db = await fresh(provider);
    await applyMigrations(db, provider, copyMigrations(provider, (name) => name < target));
    await fillEveryTable(db);
    // KATE15 has orders 1, 2 (1,000 and 1,500 on the 1st) and 3 (2,000 on the 2nd); then "#1" on the 3rd
    // (the same order as 1, counted twice), "# 2" twice more, and "#4", a new order, as the shop writes them.
    await db.$executeRawUnsafe(
      `INSERT INTO "Redemption" ("workspaceId", "campaignId", "creatorId", "codeId", "orderId", "orders", "revenue", "day") VALUES
       (1, 1, 1, 1, '#1', 1, 1000, '2026-12-03'), (1, 1, 1, 1, '# 2', 1, 1500, '2026-12-03'), (1, 1, 1, 1, '##2', 1, 9900, '2026-12-03'), (1, 1, 1, 1, '#4', 1, 700, '2026-12-03')`,
    );
    await applyMigrations(db, provider, copyMigrations(provider, (name) => name <= target));
    const orders = await db.redemption.findMany({ orderBy: { id: "asc" }, select: { orderId: true, revenue: true, day: true } });
    expect(orders).toEqual([
      { orderId: "1", revenue: 1000, day: "2026-12-01" },
      { orderId: "2", revenue: 1500, day: "2026-12-01" },
      { orderId: "3", revenue: 2000, day: "2026-12-02" },
      { orderId: "4", revenue: 700, day: "2026-12-03" },
    ]);
    const notes = await db.activity.findMany({ where: { command: "migration" }, orderBy: { id: "asc" } });
    expect(notes.map((a) => [a.summary, a.campaignId, a.memberId])).toEqual([
      ["Order #1 of KATE15 on 2026-12-03 was order 1 (counted on 2026-12-01) counted twice: this second count was removed", 1, null],
      ["Order # 2 of KATE15 on 2026-12-03 was order 2 (counted on 2026-12-01) counted twice: this second count was removed", 1, null],
      ["Order ##2 of KATE15 on 2026-12-03 was order 2 (counted on 2026-12-01) counted twice: this second count was removed", 1, null],
    ]);
    expect(notes.every((a) => a.createdAt instanceof Date && !Number.isNaN(a.createdAt.getTime()))).toBe(true);
    expect(await db.salesDay.findMany({ orderBy: { day: "asc" }, select: { day: true, orders: true, revenue: true } })).toEqual([
      { day: "2026-12-01", orders: 2, revenue: 2500 },
      { day: "2026-12-02", orders: 1, revenue: 2000 },
      { day: "2026-12-03", orders: 1, revenue: 700 },
    ]);
    expect(await db.code.findMany({ orderBy: { id: "asc" }, select: { orders: true, revenue: true } })).toEqual([{ orders: 4, revenue: 5200 }, { orders: 0, revenue: 0 }]);
  });

  it("post_keys gives every stored post its one key, and merges a post logged twice under two spellings into the first", async () => {
    const target = all.find((name) => name.endsWith("_post_keys"))!;
    const db = await fresh(provider);
    await applyMigrations(db, provider, copyMigrations(provider, (name) => name < target));
    await fillEveryTable(db);
    // Addresses as typed, with the keys the bot stored for them before (account ids: tiktok 1, instagram 2, youtube 3, x 9, other 10).
    const logged: Array<[id: number, url: string, keyBefore: string, account: number, platform: string]> = [
      [101, "https://www.tiktok.com/@Kate/video/7301", "tiktok.com/@Kate/video/7301", 1, "tiktok"],
      [102, "https://www.tiktok.com/@kate/video/7301?lang=en", "tiktok.com/@kate/video/7301", 1, "tiktok"],
      [103, "https://www.instagram.com/reel/Ck8s1/", "instagram.com/reel/Ck8s1", 2, "instagram"],
      [104, "https://www.instagram.com/kate/p/Ck8s1/", "instagram.com/kate/p/Ck8s1", 2, "instagram"],
      [105, "https://www.instagram.com/stories/kate/123/", "instagram.com/stories/kate/123", 2, "instagram"],
      [106, "https://youtu.be/an4Kb1?si=x", "youtube.com/watch?v=an4Kb1", 3, "youtube"],
      [107, "https://www.youtube.com/shorts/an4Kb1", "youtube.com/shorts/an4Kb1", 3, "youtube"],
      [108, "https://www.youtube.com/watch?v=Zz9&list=PL1", "youtube.com/watch?list=PL1&v=Zz9", 3, "youtube"],
      [109, "https://twitter.com/kate/status/1790?s=20", "x.com/kate/status/1790", 9, "x"],
      [110, "https://x.com/i/web/status/1791", "x.com/i/web/status/1791", 9, "x"],
      [111, "https://kate.blog/review?id=7", "kate.blog/review?id=7", 10, "other"],
    ];
    const q = (text: string) => `'${text}'`;
    await db.$executeRawUnsafe(
      `INSERT INTO "Post" ("id", "workspaceId", "campaignId", "creatorId", "enrolmentId", "accountId", "url", "urlKey", "platform", "disclosed", "postedAt", "postedDay", "views", "updatedAt") VALUES ` +
        logged.map(([id, url, key, account, platform]) => `(${id}, 1, 1, 1, 1, ${account}, ${q(url)}, ${q(key)}, ${q(platform)}, ${id === 102 ? "true" : "false"}, '2026-12-01T10:00:00.000Z', '2026-12-01', ${id}, '2026-12-01T10:00:00.000Z')`).join(", "),
    );
    // 102, the second spelling of 101, was updated later, with more views and a disclosure.
    await db.$executeRawUnsafe(
      `INSERT INTO "MetricSnapshot" ("postId", "views", "likes", "comments", "shares", "saves", "clicks", "takenAt") VALUES
       (101, 100, 1, 1, 1, 1, 1, '2026-12-01T10:00:00.000Z'), (102, 500, 5, 5, 5, 5, 5, '2026-12-02T10:00:00.000Z'), (104, 7, 0, 0, 0, 0, 0, '2026-12-02T10:00:00.000Z')`,
    );
    await applyMigrations(db, provider, copyMigrations(provider, (name) => name <= target));
    const posts = await db.post.findMany({ where: { id: { gt: 100 } }, orderBy: { id: "asc" }, select: { id: true, url: true, urlKey: true, disclosed: true, views: true, likes: true, comments: true, shares: true, saves: true, clicks: true, postedAt: true, postedDay: true } });
    expect(posts.map((p) => p.id)).toEqual([101, 103, 105, 106, 108, 109, 110, 111]);
    for (const post of posts) expect(post.urlKey, post.url).toBe(postKey(post.url));
    expect(posts.map((p) => p.urlKey)).toEqual([
      "tiktok.com/@kate/video/7301",
      "instagram.com/p/Ck8s1",
      "instagram.com/stories/kate/123",
      "youtube.com/watch?v=an4Kb1",
      "youtube.com/watch?v=Zz9",
      "x.com/i/status/1790",
      "x.com/i/status/1791",
      "kate.blog/review?id=7",
    ]);
    const first = posts[0]!;
    expect([first.views, first.likes, first.disclosed]).toEqual([500, 5, true]);
    expect(await db.metricSnapshot.count({ where: { postId: 101 } })).toBe(2);
    expect([posts[1]!.views, await db.metricSnapshot.count({ where: { postId: 103 } })]).toEqual([7, 1]);
    const notes = await db.activity.findMany({ where: { command: "migration" }, orderBy: { id: "asc" } });
    expect(notes.map((a) => a.summary)).toEqual([
      "Post https://www.tiktok.com/@kate/video/7301?lang=en of @c0 (posted 2026-12-01) is the same post as https://www.tiktok.com/@Kate/video/7301, logged first: merged into it with its metric history",
      "Post https://www.instagram.com/kate/p/Ck8s1/ of @c0 (posted 2026-12-01) is the same post as https://www.instagram.com/reel/Ck8s1/, logged first: merged into it with its metric history",
      "Post https://www.youtube.com/shorts/an4Kb1 of @c0 (posted 2026-12-01) is the same post as https://youtu.be/an4Kb1?si=x, logged first: merged into it with its metric history",
    ]);
    expect(await tables(db, provider)).not.toContain("_PostKeys");
  });

  it("enrolment_per_wave keeps every row of every table (enrolments, posts, codes, orders, reminder runs, payments) and lets a creator be enrolled again in another wave", async () => {
    const target = all.find((name) => name.endsWith("_enrolment_per_wave"))!;
    const db = await fresh(provider);
    await applyMigrations(db, provider, copyMigrations(provider, (name) => name < target));
    await fillEveryTable(db);
    // Rows of the later tables that reference an enrolment, a creator or a campaign (written in SQL: the client knows later columns).
    await db.$executeRawUnsafe(`UPDATE "Enrolment" SET "wave" = 2, "waveStartedAt" = '2026-12-02T10:00:00.000Z', "fee" = 30000 WHERE "id" = 1`);
    await db.$executeRawUnsafe(
      `INSERT INTO "ReminderRun" ("workspaceId", "enrolmentId", "occasion", "status") VALUES (1, 1, 'before:2026-12-10', 'sent'), (1, 2, 'now:2026-12-01T10:00:00.000Z', 'queued')`,
    );
    await db.$executeRawUnsafe(`INSERT INTO "Payment" ("workspaceId", "creatorId", "campaignId", "amount", "currency", "ref", "refKey", "day") VALUES (1, 1, 1, 10000, 'USD', 'R1', 'r1', '2026-12-03')`);
    const counts = async () => {
      const names = (await tables(db, provider)).filter((t) => t !== "_prisma_migrations" && !t.startsWith("sqlite_"));
      return Object.fromEntries(await Promise.all(names.map(async (t) => [t, Number((await db.$queryRawUnsafe<{ n: unknown }[]>(`SELECT COUNT(*) AS n FROM "${t}"`))[0]!.n)])));
    };
    const rowsOf = async () => ({
      enrolments: await db.$queryRawUnsafe(`SELECT "id", "campaignId", "creatorId", "wave", "fee", "waveStartedAt" FROM "Enrolment" ORDER BY "id"`),
      posts: await db.$queryRawUnsafe(`SELECT "id", "enrolmentId", "views" FROM "Post" ORDER BY "id"`),
      codes: await db.$queryRawUnsafe(`SELECT "id", "enrolmentId", "orders", "revenue" FROM "Code" ORDER BY "id"`),
      reminders: await db.$queryRawUnsafe(`SELECT "enrolmentId", "occasion", "status" FROM "ReminderRun" ORDER BY "id"`),
      payments: await db.$queryRawUnsafe(`SELECT "creatorId", "campaignId", "amount" FROM "Payment" ORDER BY "id"`),
    });
    const before = await counts();
    for (const table of ["Enrolment", "Post", "MetricSnapshot", "Code", "Redemption", "SalesDay", "ReminderRun", "Payment"]) expect(before[table], table).toBeGreaterThan(0);
    const rowsBefore = await rowsOf();

    expect(await applyMigrations(db, provider, copyMigrations(provider, (name) => name <= target))).toEqual({ applied: [target], alreadyApplied: all.indexOf(target) });
    expect(await counts()).toEqual(before);
    expect(await rowsOf()).toEqual(rowsBefore);
    // The same creator in another wave of the same campaign is a second enrolment now; twice in one wave is still refused.
    await db.$executeRawUnsafe(`INSERT INTO "Enrolment" ("id", "workspaceId", "campaignId", "creatorId", "wave", "updatedAt") VALUES (3, 1, 1, 1, 3, CURRENT_TIMESTAMP)`);
    await expect(db.$executeRawUnsafe(`INSERT INTO "Enrolment" ("id", "workspaceId", "campaignId", "creatorId", "wave", "updatedAt") VALUES (4, 1, 1, 1, 3, CURRENT_TIMESTAMP)`)).rejects.toThrow();
    expect(await db.enrolment.count({ where: { campaignId: 1, creatorId: 1 } })).toBe(2);
  });

  it("prisma/schema.prisma has no change the last migration lacks (else: npm run db:migration -- <name>)", () => {
    const last = all.at(-1)!;
    const diff = diffSchemas(path.join(MIGRATION_DIRS[provider], last, "schema.prisma"), schemaFor(provider), provider, diffOptions);
    expect(diff, "prisma/schema.prisma changed without a migration: run npm run db:migration -- <name>").toBeNull();
  });

  it("replaying every migration builds the database the schema describes", async () => {
    const migrated = await fresh(provider);
    await applyMigrations(migrated, provider);
    const direct = await fresh(provider);
    for (const statement of splitStatements(diffSchemas(null, schemaFor(provider), provider, diffOptions)!)) await direct.$executeRawUnsafe(statement);
    expect(await shape(migrated, provider)).toEqual(await shape(direct, provider));
  });
});

describe("on SQLite", () => {
  it("openDatabase creates the folder and the file on first start", async () => {
    const file = path.join(tempDir(), "nested", "deeper", "bot.db");
    const db = await open(`file:${file}`, {});
    expect(await db.workspace.count()).toBe(0);
    expect(existsSync(file)).toBe(true);
  });
});

describe("PostgreSQL migrations beside the SQLite ones", () => {
  const sqlite = readMigrations(MIGRATION_DIRS.sqlite);

  it("every SQLite migration has a PostgreSQL twin of the same name (else: npm run db:migration -- <name> with a PostgreSQL reachable)", () => {
    expect(readMigrations(MIGRATION_DIRS.postgresql).map((m) => m.name)).toEqual(sqlite.map((m) => m.name));
  });

  it("each twin was made from the same models, with only the provider swapped", () => {
    for (const { name } of sqlite) {
      const twin = path.join(MIGRATION_DIRS.postgresql, name, "schema.prisma");
      expect(existsSync(twin), `${twin} is missing`).toBe(true);
      expect(readFileSync(twin, "utf8")).toBe(postgresqlSchema(readFileSync(path.join(MIGRATION_DIRS.sqlite, name, "schema.prisma"), "utf8")));
    }
  });

  it("the PostgreSQL SQL creates no schema of its own: tables go where DATABASE_URL points", () => {
    for (const m of readMigrations(MIGRATION_DIRS.postgresql)) expect(m.sql).not.toMatch(/CREATE SCHEMA/i);
  });

  it("an enum changed without a migration is caught without a server too (SQLite keeps enums as TEXT, so its diff is empty)", () => {
    const last = path.join(MIGRATION_DIRS.sqlite, sqlite.at(-1)!.name, "schema.prisma");
    expect(enumShape(readFileSync(last, "utf8")), "an enum changed without a migration: run npm run db:migration -- <name>").toBe(enumShape(readFileSync(SCHEMA_PATH, "utf8")));
  });

  it("a // int64 mark changed without a migration is caught without a server too (SQLite's INTEGER is 64-bit either way)", () => {
    const last = path.join(MIGRATION_DIRS.sqlite, sqlite.at(-1)!.name, "schema.prisma");
    expect(int64Shape(readFileSync(last, "utf8")), "a // int64 mark changed without a migration: run npm run db:migration -- <name>").toBe(int64Shape(readFileSync(SCHEMA_PATH, "utf8")));
  });

  it("what a // int64 mark is: a comment starting with int64 on an Int field", () => {
    const schema = `model Code {\n  id      Int @id\n  revenue Int @default(0) // int64, minor units\n  orders  Int?  // int64\n  wave    Int // the int64 word later is no mark\n}\n`;
    expect(int64Shape(schema)).toBe(JSON.stringify(["Code.orders", "Code.revenue"]));
    expect(postgresqlSchema(`datasource db {\n  provider = "sqlite"\n}\n${schema}`)).toContain("  revenue BigInt @default(0) // int64, minor units\n  orders  BigInt?  // int64\n  wave    Int //");
  });

  it("what SQLite cannot see: enum values, their order and the fields they type, not comments", () => {
    const schema = `model Member {\n  id   Int  @id\n  role Role @default(member)\n}\n\nenum Role {\n  admin\n  member\n}\n`;
    const changed = (from: string, to: string) => {
      expect(schema).toContain(from);
      return enumShape(schema.replace(from, to)) !== enumShape(schema);
    };
    expect(changed("  admin\n  member\n", "  admin\n  member\n  guest\n")).toBe(true);
    expect(changed("  admin\n  member\n", "  member\n  admin\n")).toBe(true);
    expect(changed("  role Role @default(member)\n", "  role String @default(\"member\")\n")).toBe(true);
    expect(changed("  role Role @default(member)\n", "  role Role? @default(member)\n")).toBe(true);
    expect(changed("  role Role @default(member)\n", "  role   Role   @default(member) // who may do what\n")).toBe(false);
    expect(changed("enum Role {\n", "/// Who may do what.\nenum Role {\n")).toBe(false);
  });
});

describe("splitting a migration script", () => {
  it("splits on semicolons outside strings and comments", () => {
    expect(splitStatements(`-- a comment; still a comment\nCREATE TABLE "a;b" (x TEXT DEFAULT ';');\n/* x; y */ INSERT INTO t VALUES ('it''s; fine');`)).toEqual([
      `CREATE TABLE "a;b" (x TEXT DEFAULT ';')`,
      `INSERT INTO t VALUES ('it''s; fine')`,
    ]);
    expect(readFileSync(path.join(MIGRATION_DIRS.sqlite, readMigrations(MIGRATION_DIRS.sqlite)[0]!.name, "migration.sql"), "utf8")).toContain("CREATE TABLE");
  });
});
