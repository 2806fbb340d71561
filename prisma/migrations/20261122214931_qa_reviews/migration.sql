-- CreateEnum
CREATE TYPE "QaVerdict" AS ENUM ('pass', 'fail');

-- CreateTable
CREATE TABLE "QaDay" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "sampledOn" TEXT NOT NULL,
    "eligible" INTEGER NOT NULL DEFAULT 0,
    "sampled" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "safeSwitchedAt" TIMESTAMP(3),
    "sampledAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "QaDay_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QaReview" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "dayId" TEXT NOT NULL,
    "sampledOn" TEXT NOT NULL,
    "callId" TEXT NOT NULL,
    "leadId" TEXT,
    "verdict" "QaVerdict" NOT NULL,
    "criteria" JSONB NOT NULL DEFAULT '[]',
    "reviewerVerdict" "QaVerdict",
    "reviewerNote" TEXT,
    "reviewerId" TEXT,
    "reviewedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "QaReview_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "QaDay_tenantId_sampledOn_key" ON "QaDay"("tenantId", "sampledOn");

-- CreateIndex
CREATE UNIQUE INDEX "QaReview_callId_key" ON "QaReview"("callId");

-- CreateIndex
CREATE INDEX "QaReview_tenantId_sampledOn_idx" ON "QaReview"("tenantId", "sampledOn");

-- CreateIndex
CREATE INDEX "QaReview_dayId_idx" ON "QaReview"("dayId");

-- AddForeignKey
ALTER TABLE "QaDay" ADD CONSTRAINT "QaDay_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QaReview" ADD CONSTRAINT "QaReview_dayId_fkey" FOREIGN KEY ("dayId") REFERENCES "QaDay"("id") ON DELETE CASCADE ON UPDATE CASCADE;
