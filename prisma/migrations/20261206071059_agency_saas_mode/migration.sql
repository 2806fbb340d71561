-- CreateEnum
CREATE TYPE "OveragePolicy" AS ENUM ('bill', 'stop_ai');

-- AlterTable
ALTER TABLE "Agency" ADD COLUMN     "accentColor" TEXT,
ADD COLUMN     "logo" BYTEA,
ADD COLUMN     "logoType" TEXT,
ADD COLUMN     "logoUpdatedAt" TIMESTAMP(3),
ADD COLUMN     "slug" TEXT,
ADD COLUMN     "stripeAccountId" TEXT,
ADD COLUMN     "stripeChargesEnabled" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "BillingAccount" ADD COLUMN     "stripeAccountId" TEXT;

-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN     "agencyPlanId" TEXT,
ADD COLUMN     "overagePolicy" "OveragePolicy" NOT NULL DEFAULT 'bill';

-- CreateTable
CREATE TABLE "AgencyPlan" (
    "id" TEXT NOT NULL,
    "agencyId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "monthlyPriceCents" INTEGER NOT NULL,
    "includedCalls" INTEGER NOT NULL,
    "includedTexts" INTEGER NOT NULL,
    "overageCallCents" INTEGER NOT NULL,
    "overageTextCents" INTEGER NOT NULL,
    "trialDays" INTEGER NOT NULL DEFAULT 0,
    "currency" TEXT NOT NULL DEFAULT 'usd',
    "stripePriceId" TEXT,
    "stripePriceAmount" INTEGER,
    "archivedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AgencyPlan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AgencyApiKey" (
    "id" TEXT NOT NULL,
    "agencyId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "createdById" TEXT,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AgencyApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SaasInvoice" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "stripeInvoiceId" TEXT NOT NULL,
    "stripeAccountId" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "totalCents" INTEGER NOT NULL,
    "applicationFeeCents" INTEGER NOT NULL,
    "baseCents" INTEGER NOT NULL,
    "overageCallCents" INTEGER NOT NULL,
    "overageTextCents" INTEGER NOT NULL,
    "overageCalls" INTEGER NOT NULL,
    "overageTexts" INTEGER NOT NULL,
    "currency" TEXT NOT NULL DEFAULT 'usd',
    "syncedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SaasInvoice_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AgencyPlan_agencyId_idx" ON "AgencyPlan"("agencyId");

-- CreateIndex
CREATE UNIQUE INDEX "AgencyApiKey_hash_key" ON "AgencyApiKey"("hash");

-- CreateIndex
CREATE INDEX "AgencyApiKey_agencyId_idx" ON "AgencyApiKey"("agencyId");

-- CreateIndex
CREATE UNIQUE INDEX "SaasInvoice_stripeInvoiceId_key" ON "SaasInvoice"("stripeInvoiceId");

-- CreateIndex
CREATE INDEX "SaasInvoice_tenantId_month_idx" ON "SaasInvoice"("tenantId", "month");

-- CreateIndex
CREATE UNIQUE INDEX "Agency_slug_key" ON "Agency"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Agency_stripeAccountId_key" ON "Agency"("stripeAccountId");

-- AddForeignKey
ALTER TABLE "AgencyPlan" ADD CONSTRAINT "AgencyPlan_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgencyApiKey" ADD CONSTRAINT "AgencyApiKey_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Tenant" ADD CONSTRAINT "Tenant_agencyPlanId_fkey" FOREIGN KEY ("agencyPlanId") REFERENCES "AgencyPlan"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SaasInvoice" ADD CONSTRAINT "SaasInvoice_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;
