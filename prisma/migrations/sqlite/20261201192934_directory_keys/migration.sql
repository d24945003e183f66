-- Keys that match as people expect.
-- 1. Tax codes take their one stored form (server/contracts/tax-code.ts): upper case, no spaces,
--    a branch's 13 digits as 10-3. Stored codes held letters, digits and - only, so this is all
--    that form asks of them. Two producers whose codes become one: the oldest keeps it, each
--    later one is left without a code (its record is kept whole, for an organiser to merge), and
--    the "migration" stream of the activity log says which code it had and which producer kept it.
-- 2. Buyers get nameKey (server/modules/directory/keys.ts), unique within a province, computed
--    here from nameFolded with the same list of dropped characters. Two buyers of one key in one
--    province: the oldest keeps its name, each later one is renamed "<name> (trùng 2)",
--    "(trùng 3)"… (their search text follows at start), so an organiser sees the duplicate
--    and merges or renames it; the activity log notes each renaming. Only a buyer already named
--    "<name> (trùng 2)" beside them would make the unique index refuse, and the start with it.

CREATE TEMP TABLE "_producer_code" AS
SELECT "id", "was", "code",
       ROW_NUMBER() OVER (PARTITION BY "code" ORDER BY "createdAt", "id") AS "rank",
       FIRST_VALUE("id") OVER (PARTITION BY "code" ORDER BY "createdAt", "id") AS "keptBy"
FROM (
  SELECT "id", "createdAt", "registrationNo" AS "was",
         CASE WHEN length("c") = 13 AND "c" NOT GLOB '*[^0-9]*' THEN substr("c", 1, 10) || '-' || substr("c", 11)
              ELSE NULLIF("c", '') END AS "code"
  FROM (
    SELECT "id", "createdAt", "registrationNo",
           UPPER(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE("registrationNo", ' ', ''), char(9), ''), char(10), ''), char(13), ''), char(160), '')) AS "c"
    FROM "Producer" WHERE "registrationNo" IS NOT NULL
  )
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Buyer" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "nameFolded" TEXT NOT NULL,
    "nameKey" TEXT NOT NULL,
    "orgType" TEXT NOT NULL,
    "provinceId" TEXT NOT NULL,
    "categories" TEXT NOT NULL DEFAULT '[]',
    "minStars" INTEGER,
    "regions" TEXT NOT NULL DEFAULT '[]',
    "volumes" TEXT NOT NULL DEFAULT '',
    "description" TEXT NOT NULL DEFAULT '',
    "website" TEXT NOT NULL DEFAULT '',
    "searchText" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Buyer_provinceId_fkey" FOREIGN KEY ("provinceId") REFERENCES "AdministrativeUnit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Buyer" ("categories", "createdAt", "description", "id", "minStars", "name", "nameFolded", "nameKey", "orgType", "provinceId", "regions", "searchText", "updatedAt", "volumes", "website") SELECT "categories", "createdAt", "description", "id", "minStars", "name", "nameFolded", "nameFolded", "orgType", "provinceId", "regions", "searchText", "updatedAt", "volumes", "website" FROM "Buyer";
DROP TABLE "Buyer";
ALTER TABLE "new_Buyer" RENAME TO "Buyer";
CREATE INDEX "Buyer_nameFolded_idx" ON "Buyer"("nameFolded");
CREATE INDEX "Buyer_orgType_idx" ON "Buyer"("orgType");
CREATE INDEX "Buyer_provinceId_idx" ON "Buyer"("provinceId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- The key: nameFolded without the characters of keys.ts, one REPLACE per character.
CREATE TEMP TABLE "_buyer_key" AS
WITH RECURSIVE
  "dropped" ("n", "c") AS (VALUES
    (1, char(32)), (2, '!'), (3, '"'), (4, '#'), (5, '$'), (6, '%'), (7, '&'), (8, ''''), (9, '('),
    (10, ')'), (11, '*'), (12, '+'), (13, ','), (14, '-'), (15, '.'), (16, '/'), (17, ':'), (18, ';'),
    (19, '<'), (20, '='), (21, '>'), (22, '?'), (23, '@'), (24, '['), (25, '\'), (26, ']'), (27, '^'),
    (28, '_'), (29, '`'), (30, '{'), (31, '|'), (32, '}'), (33, '~'), (34, char(171)),
    (35, char(173)), (36, char(183)), (37, char(187)), (38, char(8208)), (39, char(8209)),
    (40, char(8210)), (41, char(8211)), (42, char(8212)), (43, char(8213)), (44, char(8216)),
    (45, char(8217)), (46, char(8218)), (47, char(8220)), (48, char(8221)), (49, char(8222)),
    (50, char(8226)), (51, char(8230)), (52, char(8249)), (53, char(8250)), (54, char(8722)),
    (55, char(8203)), (56, char(8204)), (57, char(8205)), (58, char(8288))
  ),
  "stripped" ("id", "n", "key") AS (
    SELECT "id", 0, "nameFolded" FROM "Buyer"
    UNION ALL
    SELECT s."id", s."n" + 1, REPLACE(s."key", d."c", '') FROM "stripped" s JOIN "dropped" d ON d."n" = s."n" + 1
  )
SELECT "id", "key" FROM "stripped" WHERE "n" = (SELECT MAX("n") FROM "dropped");
UPDATE "Buyer" SET "nameKey" = (SELECT "key" FROM "_buyer_key" k WHERE k."id" = "Buyer"."id");

CREATE TEMP TABLE "_buyer_dup" AS
SELECT "id", "name", "rank", "keptBy" FROM (
  SELECT "id", "name",
         ROW_NUMBER() OVER (PARTITION BY "provinceId", "nameKey" ORDER BY "createdAt", "id") AS "rank",
         FIRST_VALUE("id") OVER (PARTITION BY "provinceId", "nameKey" ORDER BY "createdAt", "id") AS "keptBy"
  FROM "Buyer"
) WHERE "rank" > 1;

INSERT INTO "ActivityLog" ("id", "stream", "seq", "type", "payload", "createdAt")
SELECT "id", 'migration',
       COALESCE((SELECT "lastSeq" FROM "ActivityStream" WHERE "key" = 'migration'), 0) + ROW_NUMBER() OVER (ORDER BY "id"),
       "type", "payload", strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now')
FROM (
  SELECT 'directory-keys-producer-' || "id" AS "id", 'producer:registration_cleared' AS "type",
         json_object('producerId', "id", 'registrationNo', "was", 'sameCodeAs', "keptBy") AS "payload"
  FROM "_producer_code" WHERE "rank" > 1 AND "code" IS NOT NULL
  UNION ALL
  SELECT 'directory-keys-buyer-' || "id", 'buyer:renamed_duplicate',
         json_object('buyerId', "id", 'from', "name", 'to', "name" || ' (trùng ' || "rank" || ')', 'sameNameAs', "keptBy")
  FROM "_buyer_dup"
);
INSERT INTO "ActivityStream" ("key", "lastSeq")
SELECT 'migration', MAX("seq") FROM "ActivityLog" WHERE "stream" = 'migration' HAVING MAX("seq") IS NOT NULL
ON CONFLICT ("key") DO UPDATE SET "lastSeq" = excluded."lastSeq";

-- Losers first, so that no moment holds one code twice.
UPDATE "Producer" SET "registrationNo" = NULL, "updatedAt" = strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now')
WHERE "id" IN (SELECT "id" FROM "_producer_code" WHERE "rank" > 1 OR "code" IS NULL);
UPDATE "Producer" SET "registrationNo" = (SELECT "code" FROM "_producer_code" p WHERE p."id" = "Producer"."id")
WHERE "id" IN (SELECT "id" FROM "_producer_code" WHERE "rank" = 1 AND "code" IS NOT NULL AND "code" <> "was");

UPDATE "Buyer" SET
  "name" = "name" || ' (trùng ' || (SELECT "rank" FROM "_buyer_dup" d WHERE d."id" = "Buyer"."id") || ')',
  "nameFolded" = "nameFolded" || ' (trung ' || (SELECT "rank" FROM "_buyer_dup" d WHERE d."id" = "Buyer"."id") || ')',
  "nameKey" = "nameKey" || 'trung' || (SELECT "rank" FROM "_buyer_dup" d WHERE d."id" = "Buyer"."id"),
  "updatedAt" = strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now')
WHERE "id" IN (SELECT "id" FROM "_buyer_dup");

DROP TABLE "_producer_code";
DROP TABLE "_buyer_key";
DROP TABLE "_buyer_dup";

-- CreateIndex
CREATE UNIQUE INDEX "Buyer_provinceId_nameKey_key" ON "Buyer"("provinceId", "nameKey");
