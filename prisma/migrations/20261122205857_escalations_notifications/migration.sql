-- CreateEnum
CREATE TYPE "EscalationRule" AS ENUM ('urgent_unaccepted', 'standard_unaccepted', 'estimate_idle', 'end_of_day');

-- CreateEnum
CREATE TYPE "NotificationChannel" AS ENUM ('in_app', 'sms', 'email');

-- CreateEnum
CREATE TYPE "NotificationStatus" AS ENUM ('queued', 'sent', 'failed');

-- CreateTable
CREATE TABLE "Escalation" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "leadId" TEXT NOT NULL,
    "rule" "EscalationRule" NOT NULL,
    "period" TEXT NOT NULL DEFAULT '',
    "targetId" TEXT,
    "firedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Escalation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "channel" "NotificationChannel" NOT NULL,
    "to" TEXT,
    "purpose" TEXT NOT NULL,
    "leadId" TEXT,
    "subject" TEXT,
    "body" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "status" "NotificationStatus" NOT NULL DEFAULT 'queued',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "transport" TEXT,
    "sentAt" TIMESTAMP(3),
    "readAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Escalation_tenantId_firedAt_idx" ON "Escalation"("tenantId", "firedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Escalation_leadId_rule_period_key" ON "Escalation"("leadId", "rule", "period");

-- CreateIndex
CREATE INDEX "Notification_tenantId_userId_channel_createdAt_idx" ON "Notification"("tenantId", "userId", "channel", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Notification_tenantId_channel_createdAt_idx" ON "Notification"("tenantId", "channel", "createdAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "Notification_tenantId_userId_channel_key_key" ON "Notification"("tenantId", "userId", "channel", "key");

-- AddForeignKey
ALTER TABLE "Escalation" ADD CONSTRAINT "Escalation_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Escalation" ADD CONSTRAINT "Escalation_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "Lead"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
