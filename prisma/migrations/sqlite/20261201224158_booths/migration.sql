-- AlterTable
ALTER TABLE "ActivityLog" ADD COLUMN "audience" TEXT;
ALTER TABLE "ActivityLog" ADD COLUMN "privateData" TEXT;
ALTER TABLE "ActivityLog" ADD COLUMN "publicData" TEXT;

-- CreateTable
CREATE TABLE "BoothOccupancy" (
    "boothId" TEXT NOT NULL PRIMARY KEY,
    "eventId" TEXT NOT NULL,
    "producerId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "expiresAt" DATETIME,
    "applicationId" TEXT,
    "checkedInAt" DATETIME,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "BoothOccupancy_boothId_fkey" FOREIGN KEY ("boothId") REFERENCES "Booth" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "BoothOccupancy_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "BoothOccupancy_producerId_fkey" FOREIGN KEY ("producerId") REFERENCES "Producer" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "BoothOccupancy_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "BoothApplication" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "BoothTally" (
    "eventId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("eventId", "key"),
    CONSTRAINT "BoothTally_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "BoothApplication" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "eventId" TEXT NOT NULL,
    "producerId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'submitted',
    "preferences" TEXT NOT NULL DEFAULT '{}',
    "productIds" TEXT NOT NULL DEFAULT '[]',
    "note" TEXT NOT NULL DEFAULT '',
    "reason" TEXT NOT NULL DEFAULT '',
    "support" TEXT NOT NULL DEFAULT 'none',
    "priority" INTEGER NOT NULL DEFAULT 0,
    "passedBoothIds" TEXT NOT NULL DEFAULT '[]',
    "submittedById" TEXT,
    "decidedById" TEXT,
    "decidedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "BoothApplication_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "BoothApplication_producerId_fkey" FOREIGN KEY ("producerId") REFERENCES "Producer" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- Keep what was there: assignments, then holds of booths nobody was assigned, become occupancies,
-- and the booths-per-producer counters start from the assignments.
INSERT INTO "BoothOccupancy" ("boothId", "eventId", "producerId", "kind", "createdAt")
  SELECT "boothId", "eventId", "producerId", 'assigned', "createdAt" FROM "BoothAssignment";
INSERT INTO "BoothOccupancy" ("boothId", "eventId", "producerId", "kind", "expiresAt", "createdAt")
  SELECT h."boothId", b."eventId", h."producerId", 'held', h."expiresAt", h."createdAt"
  FROM "BoothHold" h JOIN "Booth" b ON b."id" = h."boothId"
  WHERE NOT EXISTS (SELECT 1 FROM "BoothAssignment" a WHERE a."boothId" = h."boothId");
INSERT INTO "BoothTally" ("eventId", "key", "count")
  SELECT "eventId", 'producer:' || "producerId", COUNT(*) FROM "BoothAssignment" GROUP BY "eventId", "producerId";

-- DropIndex
DROP INDEX "BoothAssignment_boothId_key";

-- DropIndex
DROP INDEX "BoothAssignment_eventId_producerId_idx";

-- DropTable
PRAGMA foreign_keys=off;
DROP TABLE "BoothAssignment";
PRAGMA foreign_keys=on;

-- DropTable
PRAGMA foreign_keys=off;
DROP TABLE "BoothHold";
PRAGMA foreign_keys=on;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Event" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "venue" TEXT NOT NULL,
    "hostProvinceId" TEXT NOT NULL,
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME NOT NULL,
    "timeZone" TEXT NOT NULL DEFAULT 'Asia/Ho_Chi_Minh',
    "status" TEXT NOT NULL DEFAULT 'draft',
    "boothPolicy" TEXT NOT NULL DEFAULT '{}',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Event_hostProvinceId_fkey" FOREIGN KEY ("hostProvinceId") REFERENCES "AdministrativeUnit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Event" ("createdAt", "endsAt", "hostProvinceId", "id", "kind", "name", "startsAt", "status", "timeZone", "updatedAt", "venue") SELECT "createdAt", "endsAt", "hostProvinceId", "id", "kind", "name", "startsAt", "status", "timeZone", "updatedAt", "venue" FROM "Event";
DROP TABLE "Event";
ALTER TABLE "new_Event" RENAME TO "Event";
CREATE INDEX "Event_hostProvinceId_idx" ON "Event"("hostProvinceId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "BoothOccupancy_eventId_producerId_idx" ON "BoothOccupancy"("eventId", "producerId");

-- CreateIndex
CREATE INDEX "BoothOccupancy_kind_expiresAt_idx" ON "BoothOccupancy"("kind", "expiresAt");

-- CreateIndex
CREATE INDEX "BoothOccupancy_applicationId_idx" ON "BoothOccupancy"("applicationId");

-- CreateIndex
CREATE INDEX "BoothApplication_eventId_status_priority_createdAt_idx" ON "BoothApplication"("eventId", "status", "priority", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "BoothApplication_eventId_producerId_key" ON "BoothApplication"("eventId", "producerId");

