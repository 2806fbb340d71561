-- AlterTable
ALTER TABLE "SaasInvoice" ADD COLUMN     "prorationCents" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN     "greetingAgencyBrand" BOOLEAN NOT NULL DEFAULT false;
