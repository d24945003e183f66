-- AlterTable
ALTER TABLE "MatchmakingSession" ADD COLUMN     "sameProvincePairs" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "AgendaItem" (
    "id" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "place" TEXT NOT NULL DEFAULT '',
    "speakers" TEXT NOT NULL DEFAULT '[]',
    "provinceId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AgendaItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Delegation" (
    "id" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "provinceId" TEXT NOT NULL,
    "leaderName" TEXT NOT NULL,
    "leaderTitle" TEXT NOT NULL DEFAULT '',
    "members" TEXT NOT NULL DEFAULT '[]',
    "note" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Delegation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DelegationOrganisation" (
    "eventId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "delegationId" TEXT NOT NULL,

    CONSTRAINT "DelegationOrganisation_pkey" PRIMARY KEY ("eventId","kind","organisationId")
);

-- CreateTable
CREATE TABLE "Agreement" (
    "id" TEXT NOT NULL,
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
    "partyAConfirmedAt" TIMESTAMP(3),
    "partyAConfirmedBy" TEXT,
    "partyBConfirmedAt" TIMESTAMP(3),
    "partyBConfirmedBy" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Agreement_pkey" PRIMARY KEY ("id")
);

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

-- AddForeignKey
ALTER TABLE "AgendaItem" ADD CONSTRAINT "AgendaItem_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Delegation" ADD CONSTRAINT "Delegation_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DelegationOrganisation" ADD CONSTRAINT "DelegationOrganisation_delegationId_fkey" FOREIGN KEY ("delegationId") REFERENCES "Delegation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Agreement" ADD CONSTRAINT "Agreement_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Conferences count their meetings between provinces (pair.meetings:…): counters built before
-- this are built again at start, from the rows.
DELETE FROM "DashboardCounter" WHERE "key" = '#built' AND "eventId" IN (SELECT "id" FROM "Event" WHERE "kind" = 'conference');
