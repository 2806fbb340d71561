-- AlterTable
ALTER TABLE "Call" ADD COLUMN     "lastTwiml" TEXT,
ADD COLUMN     "lastTwimlKey" TEXT,
ADD COLUMN     "modelUsed" TEXT,
ADD COLUMN     "plumberAcceptedAt" TIMESTAMP(3),
ADD COLUMN     "transferAcceptedAt" TIMESTAMP(3),
ADD COLUMN     "turn" INTEGER NOT NULL DEFAULT 0;
