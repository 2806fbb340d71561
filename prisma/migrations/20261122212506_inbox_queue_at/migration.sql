-- DropIndex
DROP INDEX "Lead_tenantId_queueGroup_createdAt_temperature_id_idx";

-- DropIndex
DROP INDEX "Lead_tenantId_queueGroup_dueAt_temperature_id_idx";

-- AlterTable
ALTER TABLE "Lead" ADD COLUMN     "queueAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateIndex
CREATE INDEX "Lead_tenantId_queueGroup_queueAt_temperature_id_idx" ON "Lead"("tenantId", "queueGroup", "queueAt", "temperature" DESC, "id");

-- The queue trigger also keeps queueAt = COALESCE(dueAt, createdAt), so both inbox segments
-- (overdue by queueAt, then the rest) are index range scans on one index. No semicolons in
-- this file's comments or function body (U&'' with \003B): the PostgreSQL adapter splits on them.
CREATE OR REPLACE FUNCTION lead_queue_group() RETURNS trigger LANGUAGE plpgsql AS U&'
BEGIN
  NEW."queueGroup" := CASE
    WHEN NEW."status" = ''closed'' THEN 9
    WHEN NEW."urgency" = ''emergency'' THEN 0
    WHEN NEW."urgency" = ''high'' THEN 1
    WHEN NEW."status" = ''booked'' THEN 2
    WHEN NEW."status" = ''followup_needed'' THEN 3
    ELSE 4
  END\003B
  NEW."queueAt" := COALESCE(NEW."dueAt", NEW."createdAt")\003B
  RETURN NEW\003B
END';

DROP TRIGGER lead_queue_group ON "Lead";

CREATE TRIGGER lead_queue_group BEFORE INSERT OR UPDATE OF "status", "urgency", "queueGroup", "dueAt", "createdAt", "queueAt" ON "Lead"
  FOR EACH ROW EXECUTE FUNCTION lead_queue_group();

UPDATE "Lead" SET "queueGroup" = "queueGroup";
