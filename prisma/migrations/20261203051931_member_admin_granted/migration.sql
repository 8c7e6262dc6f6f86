-- Hand-written: adds the column in place (the generated SQL rebuilt the Member table).
ALTER TABLE "Member" ADD COLUMN "adminGranted" BOOLEAN NOT NULL DEFAULT false;
