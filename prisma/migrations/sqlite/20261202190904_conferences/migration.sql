-- CreateTable
CREATE TABLE "AgendaItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "eventId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME NOT NULL,
    "place" TEXT NOT NULL DEFAULT '',
    "speakers" TEXT NOT NULL DEFAULT '[]',
    "provinceId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AgendaItem_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Delegation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "eventId" TEXT NOT NULL,
    "provinceId" TEXT NOT NULL,
    "leaderName" TEXT NOT NULL,
    "leaderTitle" TEXT NOT NULL DEFAULT '',
    "members" TEXT NOT NULL DEFAULT '[]',
    "note" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Delegation_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DelegationOrganisation" (
    "eventId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "delegationId" TEXT NOT NULL,

    PRIMARY KEY ("eventId", "kind", "organisationId"),
    CONSTRAINT "DelegationOrganisation_delegationId_fkey" FOREIGN KEY ("delegationId") REFERENCES "Delegation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Agreement" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "eventId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "partyAKind" TEXT NOT NULL,
    "partyAId" TEXT NOT NULL,
    "partyAProvinceId" TEXT NOT NULL,
    "partyBKind" TEXT NOT NULL,
    "partyBId" TEXT NOT NULL,
    "partyBProvinceId" TEXT NOT NULL,
    "valueVnd" BIGINT NOT NULL,
    "productIds" TEXT NOT NULL DEFAULT '[]',
    "signingOrder" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "version" INTEGER NOT NULL DEFAULT 1,
    "partyAConfirmedAt" DATETIME,
    "partyAConfirmedBy" TEXT,
    "partyBConfirmedAt" DATETIME,
    "partyBConfirmedBy" TEXT,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Agreement_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_MatchmakingSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "eventId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME NOT NULL,
    "slotMinutes" INTEGER NOT NULL,
    "tableCount" INTEGER NOT NULL,
    "breaks" TEXT NOT NULL DEFAULT '[]',
    "bookingMode" TEXT NOT NULL DEFAULT 'instant',
    "bookingOpensAt" DATETIME,
    "bookingClosesAt" DATETIME,
    "maxMeetingsPerProducer" INTEGER NOT NULL DEFAULT 4,
    "maxMeetingsPerBuyer" INTEGER,
    "maxPendingPerProducer" INTEGER NOT NULL DEFAULT 5,
    "requestTtlMinutes" INTEGER NOT NULL DEFAULT 1440,
    "sameProvincePairs" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "MatchmakingSession_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_MatchmakingSession" ("bookingClosesAt", "bookingMode", "bookingOpensAt", "breaks", "createdAt", "endsAt", "eventId", "id", "maxMeetingsPerBuyer", "maxMeetingsPerProducer", "maxPendingPerProducer", "name", "requestTtlMinutes", "slotMinutes", "startsAt", "tableCount", "updatedAt") SELECT "bookingClosesAt", "bookingMode", "bookingOpensAt", "breaks", "createdAt", "endsAt", "eventId", "id", "maxMeetingsPerBuyer", "maxMeetingsPerProducer", "maxPendingPerProducer", "name", "requestTtlMinutes", "slotMinutes", "startsAt", "tableCount", "updatedAt" FROM "MatchmakingSession";
DROP TABLE "MatchmakingSession";
ALTER TABLE "new_MatchmakingSession" RENAME TO "MatchmakingSession";
CREATE INDEX "MatchmakingSession_eventId_idx" ON "MatchmakingSession"("eventId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "AgendaItem_eventId_startsAt_idx" ON "AgendaItem"("eventId", "startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "Delegation_eventId_provinceId_key" ON "Delegation"("eventId", "provinceId");

-- CreateIndex
CREATE INDEX "DelegationOrganisation_delegationId_idx" ON "DelegationOrganisation"("delegationId");

-- CreateIndex
CREATE INDEX "Agreement_eventId_signingOrder_idx" ON "Agreement"("eventId", "signingOrder");

-- CreateIndex
CREATE INDEX "Agreement_partyAId_idx" ON "Agreement"("partyAId");

-- CreateIndex
CREATE INDEX "Agreement_partyBId_idx" ON "Agreement"("partyBId");


-- Conferences count their meetings between provinces (pair.meetings:…): counters built before
-- this are built again at start, from the rows.
DELETE FROM "DashboardCounter" WHERE "key" = '#built' AND "eventId" IN (SELECT "id" FROM "Event" WHERE "kind" = 'conference');
