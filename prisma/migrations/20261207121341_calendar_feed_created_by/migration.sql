-- AlterTable
ALTER TABLE "CalendarFeed" ADD COLUMN     "createdById" TEXT;
