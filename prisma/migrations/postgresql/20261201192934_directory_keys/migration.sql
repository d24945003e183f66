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
         CASE WHEN "c" ~ '^[0-9]{13}$' THEN substr("c", 1, 10) || '-' || substr("c", 11) ELSE NULLIF("c", '') END AS "code"
  FROM (
    SELECT "id", "createdAt", "registrationNo",
           UPPER(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE("registrationNo", ' ', ''), chr(9), ''), chr(10), ''), chr(13), ''), chr(160), '')) AS "c"
    FROM "Producer" WHERE "registrationNo" IS NOT NULL
  ) AS "typed"
) AS "normalised";

-- AlterTable: filled below, then required
ALTER TABLE "Buyer" ADD COLUMN     "nameKey" TEXT;

-- The key: nameFolded without the characters of keys.ts, one REPLACE per character.
CREATE TEMP TABLE "_buyer_key" AS
WITH RECURSIVE
  "dropped" ("n", "c") AS (VALUES
    (1, chr(32)), (2, '!'), (3, '"'), (4, '#'), (5, '$'), (6, '%'), (7, '&'), (8, ''''), (9, '('),
    (10, ')'), (11, '*'), (12, '+'), (13, ','), (14, '-'), (15, '.'), (16, '/'), (17, ':'), (18, ';'),
    (19, '<'), (20, '='), (21, '>'), (22, '?'), (23, '@'), (24, '['), (25, '\'), (26, ']'), (27, '^'),
    (28, '_'), (29, '`'), (30, '{'), (31, '|'), (32, '}'), (33, '~'), (34, chr(171)), (35, chr(173)),
    (36, chr(183)), (37, chr(187)), (38, chr(8208)), (39, chr(8209)), (40, chr(8210)),
    (41, chr(8211)), (42, chr(8212)), (43, chr(8213)), (44, chr(8216)), (45, chr(8217)),
    (46, chr(8218)), (47, chr(8220)), (48, chr(8221)), (49, chr(8222)), (50, chr(8226)),
    (51, chr(8230)), (52, chr(8249)), (53, chr(8250)), (54, chr(8722)), (55, chr(8203)),
    (56, chr(8204)), (57, chr(8205)), (58, chr(8288))
  ),
  "stripped" ("id", "n", "key") AS (
    SELECT "id", 0, "nameFolded" FROM "Buyer"
    UNION ALL
    SELECT s."id", s."n" + 1, REPLACE(s."key", d."c", '') FROM "stripped" s JOIN "dropped" d ON d."n" = s."n" + 1
  )
SELECT "id", "key" FROM "stripped" WHERE "n" = (SELECT MAX("n") FROM "dropped");
UPDATE "Buyer" SET "nameKey" = k."key" FROM "_buyer_key" k WHERE k."id" = "Buyer"."id";

CREATE TEMP TABLE "_buyer_dup" AS
SELECT "id", "name", "rank", "keptBy" FROM (
  SELECT "id", "name",
         ROW_NUMBER() OVER (PARTITION BY "provinceId", "nameKey" ORDER BY "createdAt", "id") AS "rank",
         FIRST_VALUE("id") OVER (PARTITION BY "provinceId", "nameKey" ORDER BY "createdAt", "id") AS "keptBy"
  FROM "Buyer"
) AS "ranked" WHERE "rank" > 1;

INSERT INTO "ActivityLog" ("id", "stream", "seq", "type", "payload", "createdAt")
SELECT "id", 'migration',
       COALESCE((SELECT "lastSeq" FROM "ActivityStream" WHERE "key" = 'migration'), 0) + ROW_NUMBER() OVER (ORDER BY "id"),
       "type", "payload", CURRENT_TIMESTAMP
FROM (
  SELECT 'directory-keys-producer-' || "id" AS "id", 'producer:registration_cleared' AS "type",
         json_build_object('producerId', "id", 'registrationNo', "was", 'sameCodeAs', "keptBy")::text AS "payload"
  FROM "_producer_code" WHERE "rank" > 1 AND "code" IS NOT NULL
  UNION ALL
  SELECT 'directory-keys-buyer-' || "id", 'buyer:renamed_duplicate',
         json_build_object('buyerId', "id", 'from', "name", 'to', "name" || ' (trùng ' || "rank" || ')', 'sameNameAs', "keptBy")::text
  FROM "_buyer_dup"
) AS "notes";
INSERT INTO "ActivityStream" ("key", "lastSeq")
SELECT 'migration', MAX("seq") FROM "ActivityLog" WHERE "stream" = 'migration' HAVING MAX("seq") IS NOT NULL
ON CONFLICT ("key") DO UPDATE SET "lastSeq" = EXCLUDED."lastSeq";

-- Losers first, so that no moment holds one code twice.
UPDATE "Producer" SET "registrationNo" = NULL, "updatedAt" = CURRENT_TIMESTAMP
WHERE "id" IN (SELECT "id" FROM "_producer_code" WHERE "rank" > 1 OR "code" IS NULL);
UPDATE "Producer" SET "registrationNo" = p."code"
FROM "_producer_code" p
WHERE p."id" = "Producer"."id" AND p."rank" = 1 AND p."code" IS NOT NULL AND p."code" <> p."was";

UPDATE "Buyer" SET
  "name" = "Buyer"."name" || ' (trùng ' || d."rank" || ')',
  "nameFolded" = "Buyer"."nameFolded" || ' (trung ' || d."rank" || ')',
  "nameKey" = "Buyer"."nameKey" || 'trung' || d."rank",
  "updatedAt" = CURRENT_TIMESTAMP
FROM "_buyer_dup" d
WHERE d."id" = "Buyer"."id";

DROP TABLE "_producer_code";
DROP TABLE "_buyer_key";
DROP TABLE "_buyer_dup";

ALTER TABLE "Buyer" ALTER COLUMN "nameKey" SET NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "Buyer_provinceId_nameKey_key" ON "Buyer"("provinceId", "nameKey");
