-- CreateTable
CREATE TABLE "AfterCallReview" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "callId" TEXT NOT NULL,
    "leadId" TEXT,
    "callDay" TEXT NOT NULL,
    "flags" JSONB NOT NULL DEFAULT '[]',
    "upgraded" BOOLEAN NOT NULL DEFAULT false,
    "readBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AfterCallReview_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AfterCallReview_callId_key" ON "AfterCallReview"("callId");

-- CreateIndex
CREATE INDEX "AfterCallReview_tenantId_callDay_idx" ON "AfterCallReview"("tenantId", "callDay");

-- CreateIndex
CREATE INDEX "AfterCallReview_leadId_idx" ON "AfterCallReview"("leadId");
