-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "boothPolicy" TEXT NOT NULL DEFAULT '{}';

-- AlterTable
ALTER TABLE "ActivityLog" ADD COLUMN     "audience" TEXT,
ADD COLUMN     "privateData" TEXT,
ADD COLUMN     "publicData" TEXT;

-- CreateTable
CREATE TABLE "BoothOccupancy" (
    "boothId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "producerId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3),
    "applicationId" TEXT,
    "checkedInAt" TIMESTAMP(3),
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BoothOccupancy_pkey" PRIMARY KEY ("boothId")
);

-- CreateTable
CREATE TABLE "BoothTally" (
    "eventId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "BoothTally_pkey" PRIMARY KEY ("eventId","key")
);

-- CreateTable
CREATE TABLE "BoothApplication" (
    "id" TEXT NOT NULL,
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
    "decidedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BoothApplication_pkey" PRIMARY KEY ("id")
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

-- DropForeignKey
ALTER TABLE "BoothAssignment" DROP CONSTRAINT "BoothAssignment_eventId_fkey";

-- DropForeignKey
ALTER TABLE "BoothAssignment" DROP CONSTRAINT "BoothAssignment_boothId_fkey";

-- DropForeignKey
ALTER TABLE "BoothAssignment" DROP CONSTRAINT "BoothAssignment_producerId_fkey";

-- DropForeignKey
ALTER TABLE "BoothHold" DROP CONSTRAINT "BoothHold_boothId_fkey";

-- DropForeignKey
ALTER TABLE "BoothHold" DROP CONSTRAINT "BoothHold_producerId_fkey";

-- DropTable
DROP TABLE "BoothAssignment";

-- DropTable
DROP TABLE "BoothHold";

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

-- AddForeignKey
ALTER TABLE "BoothOccupancy" ADD CONSTRAINT "BoothOccupancy_boothId_fkey" FOREIGN KEY ("boothId") REFERENCES "Booth"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BoothOccupancy" ADD CONSTRAINT "BoothOccupancy_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BoothOccupancy" ADD CONSTRAINT "BoothOccupancy_producerId_fkey" FOREIGN KEY ("producerId") REFERENCES "Producer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BoothOccupancy" ADD CONSTRAINT "BoothOccupancy_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "BoothApplication"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BoothTally" ADD CONSTRAINT "BoothTally_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BoothApplication" ADD CONSTRAINT "BoothApplication_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BoothApplication" ADD CONSTRAINT "BoothApplication_producerId_fkey" FOREIGN KEY ("producerId") REFERENCES "Producer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

