-- Data only: post keys as src/domain/post-urls.ts now makes them (postKey). A post named by its id
-- has one key however its address is written: Instagram /p/, /reel/, /reels/, /tv/ and
-- /<user>/p/ are instagram.com/p/<id>; a YouTube video (shorts, embed, live, watch, youtu.be as
-- stored) is youtube.com/watch?v=<id>; an X status is x.com/i/status/<id> whatever handle
-- preceded it; a TikTok video's handle is in lower case. Keys stored before are rewritten from
-- themselves (they already lost scheme, www., tracking parameters and trailing slashes).
CREATE TABLE "_PostKeys" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "workspaceId" INTEGER NOT NULL,
    "oldKey" TEXT NOT NULL,
    "host" TEXT NOT NULL DEFAULT '',
    "rest" TEXT NOT NULL DEFAULT '',
    "query" TEXT NOT NULL DEFAULT '',
    "s1" TEXT NOT NULL DEFAULT '',
    "s2" TEXT NOT NULL DEFAULT '',
    "s3" TEXT NOT NULL DEFAULT '',
    "s4" TEXT NOT NULL DEFAULT '',
    "newKey" TEXT,
    "keeperId" INTEGER
);
INSERT INTO "_PostKeys" ("id", "workspaceId", "oldKey")
SELECT "id", "workspaceId", "urlKey" FROM "Post"
WHERE "urlKey" LIKE 'tiktok.com/%' OR "urlKey" LIKE 'instagram.com/%' OR "urlKey" LIKE 'x.com/%'
    OR "urlKey" LIKE 'youtube.com/%' OR "urlKey" LIKE 'music.youtube.com/%' OR "urlKey" LIKE 'youtube-nocookie.com/%';

-- host / s1 / s2 / s3 / s4 ? query (each SET reads the row as it was before the statement)
UPDATE "_PostKeys" SET
    "rest" = CASE WHEN strpos("oldKey", '?') > 0 THEN substr("oldKey", 1, strpos("oldKey", '?') - 1) ELSE "oldKey" END,
    "query" = CASE WHEN strpos("oldKey", '?') > 0 THEN substr("oldKey", strpos("oldKey", '?') + 1) ELSE '' END;
UPDATE "_PostKeys" SET "host" = substr("rest", 1, strpos("rest", '/') - 1), "rest" = substr("rest", strpos("rest", '/') + 1);
UPDATE "_PostKeys" SET
    "s1" = CASE WHEN strpos("rest", '/') > 0 THEN substr("rest", 1, strpos("rest", '/') - 1) ELSE "rest" END,
    "rest" = CASE WHEN strpos("rest", '/') > 0 THEN substr("rest", strpos("rest", '/') + 1) ELSE '' END;
UPDATE "_PostKeys" SET
    "s2" = CASE WHEN strpos("rest", '/') > 0 THEN substr("rest", 1, strpos("rest", '/') - 1) ELSE "rest" END,
    "rest" = CASE WHEN strpos("rest", '/') > 0 THEN substr("rest", strpos("rest", '/') + 1) ELSE '' END;
UPDATE "_PostKeys" SET
    "s3" = CASE WHEN strpos("rest", '/') > 0 THEN substr("rest", 1, strpos("rest", '/') - 1) ELSE "rest" END,
    "rest" = CASE WHEN strpos("rest", '/') > 0 THEN substr("rest", strpos("rest", '/') + 1) ELSE '' END;
UPDATE "_PostKeys" SET
    "s4" = CASE WHEN strpos("rest", '/') > 0 THEN substr("rest", 1, strpos("rest", '/') - 1) ELSE "rest" END,
    "rest" = CASE WHEN strpos("rest", '/') > 0 THEN substr("rest", strpos("rest", '/') + 1) ELSE '' END;

UPDATE "_PostKeys" SET "newKey" = 'tiktok.com/' || lower("s1") || '/' || "s2" || '/' || "s3"
WHERE "host" = 'tiktok.com' AND "s1" LIKE '@_%' AND "s2" IN ('video', 'photo') AND "s3" <> '';
UPDATE "_PostKeys" SET "newKey" = 'instagram.com/p/' || "s2"
WHERE "host" = 'instagram.com' AND "s1" IN ('p', 'reel', 'reels', 'tv') AND "s2" <> '';
UPDATE "_PostKeys" SET "newKey" = 'instagram.com/p/' || "s3"
WHERE "host" = 'instagram.com' AND "newKey" IS NULL AND "s1" <> '' AND "s1" NOT IN ('p', 'reel', 'reels', 'tv', 'stories', 'explore')
    AND "s2" IN ('p', 'reel', 'reels', 'tv') AND "s3" <> '';
UPDATE "_PostKeys" SET "newKey" = 'youtube.com/watch?v=' || "s2"
WHERE "host" IN ('youtube.com', 'music.youtube.com', 'youtube-nocookie.com') AND "s1" IN ('shorts', 'embed', 'live', 'v', 'e') AND "s2" <> '';
-- watch: v= is first in the sorted parameters or follows an &; its value runs to the next &
UPDATE "_PostKeys" SET "rest" = CASE
        WHEN substr("query", 1, 2) = 'v=' THEN substr("query", 3)
        WHEN strpos("query", '&v=') > 0 THEN substr("query", strpos("query", '&v=') + 3)
        ELSE '' END
WHERE "host" IN ('youtube.com', 'music.youtube.com', 'youtube-nocookie.com') AND "s1" = 'watch' AND "s2" = '';
UPDATE "_PostKeys" SET "newKey" = 'youtube.com/watch?v=' || CASE WHEN strpos("rest", '&') > 0 THEN substr("rest", 1, strpos("rest", '&') - 1) ELSE "rest" END
WHERE "host" IN ('youtube.com', 'music.youtube.com', 'youtube-nocookie.com') AND "s1" = 'watch' AND "s2" = '' AND "rest" <> '' AND substr("rest", 1, 1) <> '&';
UPDATE "_PostKeys" SET "newKey" = 'x.com/i/status/' || "s4"
WHERE "host" = 'x.com' AND "s1" = 'i' AND "s2" = 'web' AND "s3" IN ('status', 'statuses') AND "s4" <> '';
UPDATE "_PostKeys" SET "newKey" = 'x.com/i/status/' || "s3"
WHERE "host" = 'x.com' AND "newKey" IS NULL AND "s1" <> '' AND "s2" IN ('status', 'statuses') AND "s3" <> '';
UPDATE "_PostKeys" SET "newKey" = "oldKey" WHERE "newKey" IS NULL;

-- One post logged twice under two spellings: the first logged keeps its key and takes the
-- others' metric history (its metrics become the latest snapshot's; disclosed if either was);
-- the others go, each said in the activity log.
UPDATE "_PostKeys" SET "keeperId" = (SELECT MIN(m."id") FROM "_PostKeys" m WHERE m."workspaceId" = "_PostKeys"."workspaceId" AND m."newKey" = "_PostKeys"."newKey");
INSERT INTO "Activity" ("workspaceId", "memberId", "command", "summary", "campaignId")
SELECT p."workspaceId", NULL, 'migration',
    'Post ' || p."url" || ' of @' || c."handle" || ' (posted ' || p."postedDay" || ') is the same post as ' || k."url" || ', logged first: merged into it with its metric history',
    p."campaignId"
FROM "_PostKeys" d
JOIN "Post" p ON p."id" = d."id"
JOIN "Post" k ON k."id" = d."keeperId"
JOIN "Creator" c ON c."id" = p."creatorId"
WHERE d."keeperId" <> d."id";
UPDATE "MetricSnapshot" SET "postId" = (SELECT d."keeperId" FROM "_PostKeys" d WHERE d."id" = "MetricSnapshot"."postId")
WHERE "postId" IN (SELECT "id" FROM "_PostKeys" WHERE "keeperId" <> "id");
UPDATE "Post" SET "disclosed" = true
WHERE "id" IN (SELECT d."keeperId" FROM "_PostKeys" d JOIN "Post" p ON p."id" = d."id" WHERE d."keeperId" <> d."id" AND p."disclosed" = true);
UPDATE "Post" SET
    "views" = COALESCE((SELECT s."views" FROM "MetricSnapshot" s WHERE s."postId" = "Post"."id" ORDER BY s."takenAt" DESC, s."id" DESC LIMIT 1), "views"),
    "likes" = COALESCE((SELECT s."likes" FROM "MetricSnapshot" s WHERE s."postId" = "Post"."id" ORDER BY s."takenAt" DESC, s."id" DESC LIMIT 1), "likes"),
    "comments" = COALESCE((SELECT s."comments" FROM "MetricSnapshot" s WHERE s."postId" = "Post"."id" ORDER BY s."takenAt" DESC, s."id" DESC LIMIT 1), "comments"),
    "shares" = COALESCE((SELECT s."shares" FROM "MetricSnapshot" s WHERE s."postId" = "Post"."id" ORDER BY s."takenAt" DESC, s."id" DESC LIMIT 1), "shares"),
    "saves" = COALESCE((SELECT s."saves" FROM "MetricSnapshot" s WHERE s."postId" = "Post"."id" ORDER BY s."takenAt" DESC, s."id" DESC LIMIT 1), "saves"),
    "clicks" = COALESCE((SELECT s."clicks" FROM "MetricSnapshot" s WHERE s."postId" = "Post"."id" ORDER BY s."takenAt" DESC, s."id" DESC LIMIT 1), "clicks")
WHERE "id" IN (SELECT "keeperId" FROM "_PostKeys" WHERE "keeperId" <> "id");
DELETE FROM "Post" WHERE "id" IN (SELECT "id" FROM "_PostKeys" WHERE "keeperId" <> "id");

-- Every key is its canonical form now; a canonical form is its own, so no two rows meet on the way.
UPDATE "Post" SET "urlKey" = (SELECT d."newKey" FROM "_PostKeys" d WHERE d."id" = "Post"."id")
WHERE "id" IN (SELECT "id" FROM "_PostKeys" WHERE "newKey" <> "oldKey");
DROP TABLE "_PostKeys";
