-- AlterTable
ALTER TABLE "Lead" ADD COLUMN     "queueGroup" SMALLINT NOT NULL DEFAULT 4,
ADD COLUMN     "temperature" SMALLINT NOT NULL DEFAULT 0,
ADD COLUMN     "touchpoints" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "Lead_tenantId_queueGroup_dueAt_temperature_id_idx" ON "Lead"("tenantId", "queueGroup", "dueAt", "temperature" DESC, "id");

-- CreateIndex
CREATE INDEX "Lead_tenantId_queueGroup_createdAt_temperature_id_idx" ON "Lead"("tenantId", "queueGroup", "createdAt", "temperature" DESC, "id");

-- CreateIndex
CREATE INDEX "Lead_tenantId_ownerId_queueGroup_createdAt_idx" ON "Lead"("tenantId", "ownerId", "queueGroup", "createdAt");

-- CreateIndex
CREATE INDEX "Lead_tenantId_lastActivityAt_idx" ON "Lead"("tenantId", "lastActivityAt");

-- Inbox queue group (seed 000 §7: emergency, high, booked confirmations, follow-up needed, then
-- the rest, closed last). A trigger, so every writer (the call flow, the REST API, the domain)
-- keeps it right. Must match queueGroupFor() in server/leads/queue-order.ts (a test checks).
-- The body is a U&'' string with \003B for each semicolon: the PostgreSQL driver adapter splits
-- migration scripts on that character.
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
  RETURN NEW\003B
END';

CREATE TRIGGER lead_queue_group BEFORE INSERT OR UPDATE OF "status", "urgency", "queueGroup" ON "Lead"
  FOR EACH ROW EXECUTE FUNCTION lead_queue_group();

UPDATE "Lead" SET "queueGroup" = "queueGroup";
