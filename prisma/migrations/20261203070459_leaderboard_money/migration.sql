-- Hand-written: adds the column in place (the generated SQL rebuilt the Workspace table).
ALTER TABLE "Workspace" ADD COLUMN "leaderboardMoneyHidden" BOOLEAN NOT NULL DEFAULT false;
