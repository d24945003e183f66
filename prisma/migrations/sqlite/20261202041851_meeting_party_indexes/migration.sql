-- CreateIndex
CREATE INDEX "Meeting_sessionId_producerId_idx" ON "Meeting"("sessionId", "producerId");

-- CreateIndex
CREATE INDEX "Meeting_sessionId_buyerId_idx" ON "Meeting"("sessionId", "buyerId");

