-- CreateEnum
CREATE TYPE "SubscriptionStatus" AS ENUM ('none', 'trialing', 'active', 'past_due', 'incomplete', 'incomplete_expired', 'unpaid', 'canceled', 'paused');

-- CreateEnum
CREATE TYPE "UsageOutcome" AS ENUM ('billable', 'credited');

-- CreateEnum
CREATE TYPE "MeterStatus" AS ENUM ('not_applicable', 'pending', 'sent', 'skipped');

-- AlterTable
ALTER TABLE "Tenant" DROP COLUMN "billingEligible";

-- CreateTable
CREATE TABLE "BillingAccount" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "stripeCustomerId" TEXT,
    "subscriptionId" TEXT,
    "status" "SubscriptionStatus" NOT NULL DEFAULT 'none',
    "priceId" TEXT,
    "planName" TEXT,
    "baseAmount" INTEGER,
    "perCallAmount" INTEGER,
    "currency" TEXT NOT NULL DEFAULT 'usd',
    "trialEnd" TIMESTAMP(3),
    "currentPeriodStart" TIMESTAMP(3),
    "currentPeriodEnd" TIMESTAMP(3),
    "cancelAtPeriodEnd" BOOLEAN NOT NULL DEFAULT false,
    "pastDueSince" TIMESTAMP(3),
    "detachJobId" TEXT,
    "aiUnboundAt" TIMESTAMP(3),
    "unboundBindings" JSONB NOT NULL DEFAULT '{}',
    "syncedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BillingAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StripeEvent" (
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "customerId" TEXT,
    "outcome" TEXT NOT NULL,
    "processedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StripeEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UsageLedgerEntry" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "callSid" TEXT NOT NULL,
    "leadId" TEXT,
    "callerPhone" TEXT,
    "outcome" "UsageOutcome" NOT NULL,
    "creditReason" TEXT,
    "meterStatus" "MeterStatus" NOT NULL,
    "meterAttempts" INTEGER NOT NULL DEFAULT 0,
    "meterError" TEXT,
    "sentAt" TIMESTAMP(3),
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UsageLedgerEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "BillingAccount_tenantId_key" ON "BillingAccount"("tenantId");

-- CreateIndex
CREATE UNIQUE INDEX "BillingAccount_stripeCustomerId_key" ON "BillingAccount"("stripeCustomerId");

-- CreateIndex
CREATE INDEX "UsageLedgerEntry_tenantId_occurredAt_id_idx" ON "UsageLedgerEntry"("tenantId", "occurredAt" DESC, "id");

-- CreateIndex
CREATE UNIQUE INDEX "UsageLedgerEntry_tenantId_callSid_key" ON "UsageLedgerEntry"("tenantId", "callSid");

-- AddForeignKey
ALTER TABLE "BillingAccount" ADD CONSTRAINT "BillingAccount_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UsageLedgerEntry" ADD CONSTRAINT "UsageLedgerEntry_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;
