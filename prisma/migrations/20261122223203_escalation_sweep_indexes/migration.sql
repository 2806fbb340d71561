-- CreateIndex
CREATE INDEX "Lead_acceptedAt_createdAt_idx" ON "Lead"("acceptedAt", "createdAt");

-- CreateIndex
CREATE INDEX "Lead_isEstimate_lastActivityAt_idx" ON "Lead"("isEstimate", "lastActivityAt");
