-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "html" TEXT;
