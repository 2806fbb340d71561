-- AlterTable
ALTER TABLE "BillingAccount" ADD COLUMN     "hasPaymentMethod" BOOLEAN NOT NULL DEFAULT false;
