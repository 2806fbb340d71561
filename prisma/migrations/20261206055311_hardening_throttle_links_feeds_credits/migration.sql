-- AlterEnum
ALTER TYPE "MeterStatus" ADD VALUE 'cancelled';

-- DropIndex
DROP INDEX "CalendarFeed_token_key";

-- AlterTable: feed tokens are stored as their SHA-256 (hex), like API keys, and links already
-- subscribed keep working because the hash of their token is what is looked up now.
ALTER TABLE "CalendarFeed" ADD COLUMN     "tokenHash" TEXT;
UPDATE "CalendarFeed" SET "tokenHash" = encode(sha256(convert_to("token", 'UTF8')), 'hex');
ALTER TABLE "CalendarFeed" ALTER COLUMN "tokenHash" SET NOT NULL;
ALTER TABLE "CalendarFeed" DROP COLUMN "token";

-- AlterTable
ALTER TABLE "SignInThrottle" ADD COLUMN     "admitted" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "TrackedLink" ADD COLUMN     "lastClickAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "UsageLedgerEntry" ADD COLUMN     "creditedAt" TIMESTAMP(3);

-- CreateIndex
CREATE UNIQUE INDEX "CalendarFeed_tokenHash_key" ON "CalendarFeed"("tokenHash");
