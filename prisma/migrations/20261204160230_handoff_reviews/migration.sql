-- CreateTable
CREATE TABLE "HandoffReview" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "weekOf" TEXT NOT NULL,
    "leadId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "ownerCorrect" BOOLEAN,
    "notesSufficient" BOOLEAN,
    "waitReasonable" BOOLEAN,
    "noRepeat" BOOLEAN,
    "outcomeMatched" BOOLEAN,
    "note" TEXT,
    "reviewerId" TEXT,
    "reviewedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "HandoffReview_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "HandoffReview_tenantId_weekOf_idx" ON "HandoffReview"("tenantId", "weekOf");

-- CreateIndex
CREATE UNIQUE INDEX "HandoffReview_tenantId_weekOf_leadId_key" ON "HandoffReview"("tenantId", "weekOf", "leadId");

-- AddForeignKey
ALTER TABLE "HandoffReview" ADD CONSTRAINT "HandoffReview_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HandoffReview" ADD CONSTRAINT "HandoffReview_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "Lead"("id") ON DELETE CASCADE ON UPDATE CASCADE;
