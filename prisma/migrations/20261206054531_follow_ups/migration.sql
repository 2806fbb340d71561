-- AlterTable
ALTER TABLE "Lead" ADD COLUMN     "lastReplyAt" TIMESTAMP(3),
ADD COLUMN     "linkOpenedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "FollowUpSequence" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "autoSend" BOOLEAN NOT NULL DEFAULT false,
    "steps" JSONB NOT NULL DEFAULT '[]',
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FollowUpSequence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FollowUpEnrollment" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "leadId" TEXT NOT NULL,
    "sequenceKey" TEXT NOT NULL,
    "generation" INTEGER NOT NULL DEFAULT 1,
    "nextStep" INTEGER NOT NULL DEFAULT 0,
    "nextDueAt" TIMESTAMP(3),
    "status" TEXT NOT NULL DEFAULT 'active',
    "stopReason" TEXT,
    "baseline" JSONB NOT NULL DEFAULT '{}',
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" TIMESTAMP(3),

    CONSTRAINT "FollowUpEnrollment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FollowUpDraft" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "leadId" TEXT NOT NULL,
    "enrollmentId" TEXT NOT NULL,
    "sequenceKey" TEXT NOT NULL,
    "generation" INTEGER NOT NULL,
    "step" INTEGER NOT NULL,
    "channel" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "writtenBy" TEXT NOT NULL,
    "refusedReason" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "messageId" TEXT,
    "decidedAt" TIMESTAMP(3),
    "decidedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FollowUpDraft_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "FollowUpSequence_tenantId_key_key" ON "FollowUpSequence"("tenantId", "key");

-- CreateIndex
CREATE UNIQUE INDEX "FollowUpEnrollment_leadId_key" ON "FollowUpEnrollment"("leadId");

-- CreateIndex
CREATE INDEX "FollowUpEnrollment_nextDueAt_idx" ON "FollowUpEnrollment"("nextDueAt");

-- CreateIndex
CREATE INDEX "FollowUpEnrollment_tenantId_sequenceKey_idx" ON "FollowUpEnrollment"("tenantId", "sequenceKey");

-- CreateIndex
CREATE INDEX "FollowUpDraft_tenantId_status_createdAt_idx" ON "FollowUpDraft"("tenantId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "FollowUpDraft_leadId_idx" ON "FollowUpDraft"("leadId");

-- CreateIndex
CREATE UNIQUE INDEX "FollowUpDraft_enrollmentId_generation_step_key" ON "FollowUpDraft"("enrollmentId", "generation", "step");

-- AddForeignKey
ALTER TABLE "FollowUpSequence" ADD CONSTRAINT "FollowUpSequence_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FollowUpEnrollment" ADD CONSTRAINT "FollowUpEnrollment_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FollowUpEnrollment" ADD CONSTRAINT "FollowUpEnrollment_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "Lead"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FollowUpDraft" ADD CONSTRAINT "FollowUpDraft_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FollowUpDraft" ADD CONSTRAINT "FollowUpDraft_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "Lead"("id") ON DELETE CASCADE ON UPDATE CASCADE;
