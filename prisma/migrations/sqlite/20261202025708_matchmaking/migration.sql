-- CreateTable
CREATE TABLE "SessionBuyer" (
    "sessionId" TEXT NOT NULL,
    "buyerId" TEXT NOT NULL,
    "representatives" INTEGER NOT NULL DEFAULT 1,
    "blockedSlotIds" TEXT NOT NULL DEFAULT '[]',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("sessionId", "buyerId"),
    CONSTRAINT "SessionBuyer_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "MatchmakingSession" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SessionBuyer_buyerId_fkey" FOREIGN KEY ("buyerId") REFERENCES "Buyer" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Meeting" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "eventId" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "slotId" TEXT NOT NULL,
    "producerId" TEXT NOT NULL,
    "buyerId" TEXT NOT NULL,
    "tableNumber" INTEGER NOT NULL,
    "buyerSeat" INTEGER NOT NULL DEFAULT 1,
    "status" TEXT NOT NULL DEFAULT 'booked',
    "activeSlotId" TEXT,
    "source" TEXT NOT NULL DEFAULT 'booking',
    "bookedById" TEXT,
    "producerCheckedInAt" DATETIME,
    "buyerCheckedInAt" DATETIME,
    "cancelledAt" DATETIME,
    "cancelledById" TEXT,
    "sequence" INTEGER NOT NULL DEFAULT 0,
    "outcomeStatus" TEXT,
    "outcomeValueVnd" BIGINT,
    "outcomeProductIds" TEXT NOT NULL DEFAULT '[]',
    "outcomeNote" TEXT NOT NULL DEFAULT '',
    "outcomeBy" TEXT,
    "outcomeAt" DATETIME,
    "outcomeConfirmation" TEXT,
    "outcomeConfirmedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Meeting_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Meeting_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "MatchmakingSession" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Meeting_slotId_fkey" FOREIGN KEY ("slotId") REFERENCES "Slot" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Meeting_producerId_fkey" FOREIGN KEY ("producerId") REFERENCES "Producer" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Meeting_buyerId_fkey" FOREIGN KEY ("buyerId") REFERENCES "Buyer" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MeetingOutcomeRecord" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "meetingId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "side" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "valueVnd" BIGINT,
    "productIds" TEXT NOT NULL DEFAULT '[]',
    "note" TEXT NOT NULL DEFAULT '',
    "userId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "MeetingOutcomeRecord_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MeetingRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "eventId" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "slotId" TEXT NOT NULL,
    "producerId" TEXT NOT NULL,
    "buyerId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "pendingSlotId" TEXT,
    "message" TEXT NOT NULL DEFAULT '',
    "expiresAt" DATETIME NOT NULL,
    "decidedAt" DATETIME,
    "decidedById" TEXT,
    "reason" TEXT,
    "meetingId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "MeetingRequest_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "MatchmakingSession" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "MeetingRequest_slotId_fkey" FOREIGN KEY ("slotId") REFERENCES "Slot" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "MeetingRequest_producerId_fkey" FOREIGN KEY ("producerId") REFERENCES "Producer" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "MeetingRequest_buyerId_fkey" FOREIGN KEY ("buyerId") REFERENCES "Buyer" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MeetingWish" (
    "sessionId" TEXT NOT NULL,
    "side" TEXT NOT NULL,
    "producerId" TEXT NOT NULL,
    "buyerId" TEXT NOT NULL,
    "rank" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("sessionId", "side", "producerId", "buyerId"),
    CONSTRAINT "MeetingWish_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "MatchmakingSession" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ScheduleProposal" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sessionId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "body" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "publishedAt" DATETIME,
    CONSTRAINT "ScheduleProposal_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "MatchmakingSession" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CalendarFeed" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" DATETIME
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "MatchmakingSession_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_MatchmakingSession" ("createdAt", "endsAt", "eventId", "id", "maxMeetingsPerProducer", "name", "slotMinutes", "startsAt", "tableCount") SELECT "createdAt", "endsAt", "eventId", "id", "maxMeetingsPerProducer", "name", "slotMinutes", "startsAt", "tableCount" FROM "MatchmakingSession";
DROP TABLE "MatchmakingSession";
ALTER TABLE "new_MatchmakingSession" RENAME TO "MatchmakingSession";
CREATE INDEX "MatchmakingSession_eventId_idx" ON "MatchmakingSession"("eventId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "SessionBuyer_buyerId_idx" ON "SessionBuyer"("buyerId");

-- CreateIndex
CREATE INDEX "Meeting_sessionId_status_idx" ON "Meeting"("sessionId", "status");

-- CreateIndex
CREATE INDEX "Meeting_eventId_status_idx" ON "Meeting"("eventId", "status");

-- CreateIndex
CREATE INDEX "Meeting_producerId_idx" ON "Meeting"("producerId");

-- CreateIndex
CREATE INDEX "Meeting_buyerId_idx" ON "Meeting"("buyerId");

-- CreateIndex
CREATE INDEX "Meeting_slotId_idx" ON "Meeting"("slotId");

-- CreateIndex
CREATE UNIQUE INDEX "Meeting_activeSlotId_producerId_key" ON "Meeting"("activeSlotId", "producerId");

-- CreateIndex
CREATE UNIQUE INDEX "Meeting_activeSlotId_buyerId_buyerSeat_key" ON "Meeting"("activeSlotId", "buyerId", "buyerSeat");

-- CreateIndex
CREATE UNIQUE INDEX "Meeting_activeSlotId_tableNumber_key" ON "Meeting"("activeSlotId", "tableNumber");

-- CreateIndex
CREATE INDEX "MeetingOutcomeRecord_meetingId_createdAt_idx" ON "MeetingOutcomeRecord"("meetingId", "createdAt");

-- CreateIndex
CREATE INDEX "MeetingRequest_slotId_buyerId_status_idx" ON "MeetingRequest"("slotId", "buyerId", "status");

-- CreateIndex
CREATE INDEX "MeetingRequest_producerId_status_idx" ON "MeetingRequest"("producerId", "status");

-- CreateIndex
CREATE INDEX "MeetingRequest_buyerId_status_idx" ON "MeetingRequest"("buyerId", "status");

-- CreateIndex
CREATE INDEX "MeetingRequest_status_expiresAt_idx" ON "MeetingRequest"("status", "expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "MeetingRequest_pendingSlotId_producerId_buyerId_key" ON "MeetingRequest"("pendingSlotId", "producerId", "buyerId");

-- CreateIndex
CREATE INDEX "MeetingWish_sessionId_buyerId_idx" ON "MeetingWish"("sessionId", "buyerId");

-- CreateIndex
CREATE INDEX "ScheduleProposal_sessionId_createdAt_idx" ON "ScheduleProposal"("sessionId", "createdAt");

-- CreateIndex
CREATE INDEX "CalendarFeed_userId_idx" ON "CalendarFeed"("userId");

