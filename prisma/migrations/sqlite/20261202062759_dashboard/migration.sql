-- AlterTable
ALTER TABLE "User" ADD COLUMN "provinceId" TEXT;

-- AlterTable
ALTER TABLE "ActivityLog" ADD COLUMN "counts" TEXT;

-- CreateTable
CREATE TABLE "DashboardCounter" (
    "eventId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "value" BIGINT NOT NULL DEFAULT 0,

    PRIMARY KEY ("eventId", "key")
);

-- CreateTable
CREATE TABLE "DashboardItem" (
    "eventId" TEXT NOT NULL,
    "itemKey" TEXT NOT NULL,
    "counts" TEXT NOT NULL,

    PRIMARY KEY ("eventId", "itemKey")
);

-- CreateTable
CREATE TABLE "BigScreenLink" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "eventId" TEXT NOT NULL,
    "label" TEXT NOT NULL DEFAULT '',
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" DATETIME
);

-- CreateIndex
CREATE INDEX "BigScreenLink_eventId_idx" ON "BigScreenLink"("eventId");

