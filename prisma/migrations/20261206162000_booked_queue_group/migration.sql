-- A booked lead waits for its visit to be confirmed, whatever urgency it came in with, so it sits
-- in the "Booked — confirm" group (2) where the inbox counter counts it. Emergencies stay on top.
-- Must match queueGroupFor() in server/leads/queue-order.ts (a test checks). No semicolons in
-- comments or the function body (U&'' with \003B): the PostgreSQL adapter splits on them.
CREATE OR REPLACE FUNCTION lead_queue_group() RETURNS trigger LANGUAGE plpgsql AS U&'
BEGIN
  NEW."queueGroup" := CASE
    WHEN NEW."status" = ''closed'' THEN 9
    WHEN NEW."urgency" = ''emergency'' THEN 0
    WHEN NEW."status" = ''booked'' THEN 2
    WHEN NEW."urgency" = ''high'' THEN 1
    WHEN NEW."status" = ''followup_needed'' THEN 3
    ELSE 4
  END\003B
  NEW."queueAt" := COALESCE(NEW."dueAt", NEW."createdAt")\003B
  RETURN NEW\003B
END';

UPDATE "Lead" SET "queueGroup" = "queueGroup" WHERE "status" = 'booked' AND "urgency" = 'high';
