-- AlterTable
ALTER TABLE "TrackingNumber" ADD COLUMN     "receivingCallsAt" TIMESTAMP(3);
