-- CreateEnum
CREATE TYPE "VisitOutcome" AS ENUM ('showed', 'no_show');

-- CreateEnum
CREATE TYPE "JobOutcome" AS ENUM ('won', 'lost');

-- AlterTable
ALTER TABLE "Lead" ADD COLUMN     "externalJobId" TEXT,
ADD COLUMN     "externalJobUrl" TEXT,
ADD COLUMN     "jobOutcome" "JobOutcome",
ADD COLUMN     "jobValueCents" INTEGER,
ADD COLUMN     "outcomeAt" TIMESTAMP(3),
ADD COLUMN     "visitOutcome" "VisitOutcome";
