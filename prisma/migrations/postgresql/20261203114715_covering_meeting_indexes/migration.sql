-- DropIndex
DROP INDEX "Meeting_producerId_idx";

-- DropIndex
DROP INDEX "Meeting_sessionId_producerId_idx";

-- DropIndex
DROP INDEX "Meeting_sessionId_buyerId_idx";

-- CreateIndex
CREATE INDEX "Meeting_producerId_sessionId_activeSlotId_idx" ON "Meeting"("producerId", "sessionId", "activeSlotId");

-- CreateIndex
CREATE INDEX "Meeting_sessionId_producerId_buyerId_activeSlotId_idx" ON "Meeting"("sessionId", "producerId", "buyerId", "activeSlotId");

-- CreateIndex
CREATE INDEX "Meeting_sessionId_buyerId_activeSlotId_buyerSeat_tableNumbe_idx" ON "Meeting"("sessionId", "buyerId", "activeSlotId", "buyerSeat", "tableNumber");

