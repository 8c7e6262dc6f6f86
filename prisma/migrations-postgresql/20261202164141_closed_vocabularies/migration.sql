-- The closed vocabularies become enum types, with the values the columns already hold. Prisma's
-- diff drops each column and adds it back empty; here each column changes type in place, its
-- values cast (a value outside the enum stops the migration, which is then rolled back whole).
-- A text default cannot be cast, so it is dropped first and set again as the enum's value.
-- Indexes on these columns are rebuilt by PostgreSQL as the type changes.

-- CreateEnum

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('admin', 'member');

-- CreateEnum
CREATE TYPE "CreatorStatus" AS ENUM ('prospect', 'active', 'paused', 'declined');

-- CreateEnum
CREATE TYPE "SocialNetwork" AS ENUM ('tiktok', 'instagram', 'youtube', 'linkedin', 'threads', 'reddit', 'twitch', 'discord', 'x', 'other');

-- CreateEnum
CREATE TYPE "CampaignObjective" AS ENUM ('awareness', 'content', 'traffic', 'signups', 'sales');

-- CreateEnum
CREATE TYPE "CampaignStatus" AS ENUM ('active', 'closed');

-- CreateEnum
CREATE TYPE "CodeKind" AS ENUM ('code', 'link');

-- CreateEnum
CREATE TYPE "DigestFrequency" AS ENUM ('daily', 'weekly');

-- CreateEnum
CREATE TYPE "DigestRunStatus" AS ENUM ('claimed', 'sent', 'skipped', 'failed');

-- AlterTable

-- AlterTable
ALTER TABLE "Member" ALTER COLUMN "role" DROP DEFAULT,
ALTER COLUMN "role" TYPE "Role" USING "role"::"Role",
ALTER COLUMN "role" SET DEFAULT 'member';

-- AlterTable
ALTER TABLE "Creator" ALTER COLUMN "status" DROP DEFAULT,
ALTER COLUMN "status" TYPE "CreatorStatus" USING "status"::"CreatorStatus",
ALTER COLUMN "status" SET DEFAULT 'active';

-- AlterTable
ALTER TABLE "Account" ALTER COLUMN "platform" TYPE "SocialNetwork" USING "platform"::"SocialNetwork";

-- AlterTable
ALTER TABLE "Campaign" ALTER COLUMN "objective" DROP DEFAULT,
ALTER COLUMN "objective" TYPE "CampaignObjective" USING "objective"::"CampaignObjective",
ALTER COLUMN "objective" SET DEFAULT 'sales',
ALTER COLUMN "status" DROP DEFAULT,
ALTER COLUMN "status" TYPE "CampaignStatus" USING "status"::"CampaignStatus",
ALTER COLUMN "status" SET DEFAULT 'active';

-- AlterTable
ALTER TABLE "Post" ALTER COLUMN "platform" TYPE "SocialNetwork" USING "platform"::"SocialNetwork";

-- AlterTable
ALTER TABLE "Code" ALTER COLUMN "kind" TYPE "CodeKind" USING "kind"::"CodeKind";

-- AlterTable
ALTER TABLE "DigestSchedule" ALTER COLUMN "frequency" TYPE "DigestFrequency" USING "frequency"::"DigestFrequency";

-- AlterTable
ALTER TABLE "DigestRun" ALTER COLUMN "status" TYPE "DigestRunStatus" USING "status"::"DigestRunStatus";
