-- AlterTable
ALTER TABLE "MatchmakingSession" ADD COLUMN     "bookingClosesAt" TIMESTAMP(3),
ADD COLUMN     "bookingMode" TEXT NOT NULL DEFAULT 'instant',
ADD COLUMN     "bookingOpensAt" TIMESTAMP(3),
ADD COLUMN     "breaks" TEXT NOT NULL DEFAULT '[]',
ADD COLUMN     "maxMeetingsPerBuyer" INTEGER,
ADD COLUMN     "maxPendingPerProducer" INTEGER NOT NULL DEFAULT 5,
ADD COLUMN     "requestTtlMinutes" INTEGER NOT NULL DEFAULT 1440,
ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateTable
CREATE TABLE "SessionBuyer" (
    "sessionId" TEXT NOT NULL,
    "buyerId" TEXT NOT NULL,
    "representatives" INTEGER NOT NULL DEFAULT 1,
    "blockedSlotIds" TEXT NOT NULL DEFAULT '[]',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SessionBuyer_pkey" PRIMARY KEY ("sessionId","buyerId")
);

-- CreateTable
CREATE TABLE "Meeting" (
    "id" TEXT NOT NULL,
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
    "producerCheckedInAt" TIMESTAMP(3),
    "buyerCheckedInAt" TIMESTAMP(3),
    "cancelledAt" TIMESTAMP(3),
    "cancelledById" TEXT,
    "sequence" INTEGER NOT NULL DEFAULT 0,
    "outcomeStatus" TEXT,
    "outcomeValueVnd" BIGINT,
    "outcomeProductIds" TEXT NOT NULL DEFAULT '[]',
    "outcomeNote" TEXT NOT NULL DEFAULT '',
    "outcomeBy" TEXT,
    "outcomeAt" TIMESTAMP(3),
    "outcomeConfirmation" TEXT,
    "outcomeConfirmedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Meeting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeetingOutcomeRecord" (
    "id" TEXT NOT NULL,
    "meetingId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "side" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "valueVnd" BIGINT,
    "productIds" TEXT NOT NULL DEFAULT '[]',
    "note" TEXT NOT NULL DEFAULT '',
    "userId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MeetingOutcomeRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeetingRequest" (
    "id" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "slotId" TEXT NOT NULL,
    "producerId" TEXT NOT NULL,
    "buyerId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "pendingSlotId" TEXT,
    "message" TEXT NOT NULL DEFAULT '',
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "decidedAt" TIMESTAMP(3),
    "decidedById" TEXT,
    "reason" TEXT,
    "meetingId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MeetingRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeetingWish" (
    "sessionId" TEXT NOT NULL,
    "side" TEXT NOT NULL,
    "producerId" TEXT NOT NULL,
    "buyerId" TEXT NOT NULL,
    "rank" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MeetingWish_pkey" PRIMARY KEY ("sessionId","side","producerId","buyerId")
);

-- CreateTable
CREATE TABLE "ScheduleProposal" (
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "body" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "publishedAt" TIMESTAMP(3),

    CONSTRAINT "ScheduleProposal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CalendarFeed" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "CalendarFeed_pkey" PRIMARY KEY ("id")
);

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

-- AddForeignKey
ALTER TABLE "SessionBuyer" ADD CONSTRAINT "SessionBuyer_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "MatchmakingSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SessionBuyer" ADD CONSTRAINT "SessionBuyer_buyerId_fkey" FOREIGN KEY ("buyerId") REFERENCES "Buyer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Meeting" ADD CONSTRAINT "Meeting_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Meeting" ADD CONSTRAINT "Meeting_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "MatchmakingSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Meeting" ADD CONSTRAINT "Meeting_slotId_fkey" FOREIGN KEY ("slotId") REFERENCES "Slot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Meeting" ADD CONSTRAINT "Meeting_producerId_fkey" FOREIGN KEY ("producerId") REFERENCES "Producer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Meeting" ADD CONSTRAINT "Meeting_buyerId_fkey" FOREIGN KEY ("buyerId") REFERENCES "Buyer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingOutcomeRecord" ADD CONSTRAINT "MeetingOutcomeRecord_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingRequest" ADD CONSTRAINT "MeetingRequest_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "MatchmakingSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingRequest" ADD CONSTRAINT "MeetingRequest_slotId_fkey" FOREIGN KEY ("slotId") REFERENCES "Slot"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingRequest" ADD CONSTRAINT "MeetingRequest_producerId_fkey" FOREIGN KEY ("producerId") REFERENCES "Producer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingRequest" ADD CONSTRAINT "MeetingRequest_buyerId_fkey" FOREIGN KEY ("buyerId") REFERENCES "Buyer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingWish" ADD CONSTRAINT "MeetingWish_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "MatchmakingSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScheduleProposal" ADD CONSTRAINT "ScheduleProposal_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "MatchmakingSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

