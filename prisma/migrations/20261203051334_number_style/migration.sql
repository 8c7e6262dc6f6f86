-- Hand-written: the workspace's number style (issue 20) is a new column at the end of the table,
-- so ALTER TABLE ADD COLUMN does it; Prisma's generated SQL rebuilt the table, and on SQLite a
-- rebuild inside a transaction drops the rows of every table that references Workspace.
ALTER TABLE "Workspace" ADD COLUMN "numberStyle" TEXT NOT NULL DEFAULT '1,234.56';
