-- AlterTable
ALTER TABLE "Lead" ADD COLUMN     "callerEmail" TEXT,
ADD COLUMN     "emailOptedOutAt" TIMESTAMP(3),
ADD COLUMN     "quietAt" TIMESTAMP(3),
ADD COLUMN     "quietDays" SMALLINT NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Notification" ALTER COLUMN "userId" DROP NOT NULL;

-- CreateIndex
CREATE INDEX "Lead_quietAt_idx" ON "Lead"("quietAt");

-- Going quiet: whenever lastActivityAt is set (a new lead, any movement), the next quiet check
-- starts over at one day after it (the first of the 1, 3 and 7 day thresholds in
-- server/leads/temperature.ts). The quiet sweep reads the quietAt index. No semicolons in this
-- file's comments or function body (U&'' with \003B): the PostgreSQL adapter splits on them.
CREATE OR REPLACE FUNCTION lead_quiet_reset() RETURNS trigger LANGUAGE plpgsql AS U&'
BEGIN
  NEW."quietDays" := 0\003B
  NEW."quietAt" := CASE
    WHEN NEW."status" = ''closed'' OR NEW."isTest" THEN NULL
    ELSE NEW."lastActivityAt" + interval ''1 day''
  END\003B
  RETURN NEW\003B
END';

CREATE TRIGGER lead_quiet_reset_insert BEFORE INSERT ON "Lead"
  FOR EACH ROW EXECUTE FUNCTION lead_quiet_reset();

CREATE TRIGGER lead_quiet_reset_update BEFORE UPDATE OF "lastActivityAt" ON "Lead"
  FOR EACH ROW WHEN (NEW."lastActivityAt" IS DISTINCT FROM OLD."lastActivityAt")
  EXECUTE FUNCTION lead_quiet_reset();

UPDATE "Lead" SET "quietAt" = "lastActivityAt" + interval '1 day' WHERE "status" <> 'closed' AND NOT "isTest";
