-- A row of a lead (an event, a text) finds its lead's day by the lead's primary key alone, and
-- checks the business after (a lead of another business gives no day, as before). Asked by id AND business, PL/pgSQL's kept plan could take the
-- (tenantId, callerPhone) index when the statistics were young and then read every lead of the
-- business for each event (seen in the voice bench: thousands of rows filtered per insert).
-- No semicolons in comments or the function body (U&'' with \003B): the PostgreSQL adapter splits
-- on them.
CREATE OR REPLACE FUNCTION report_days_lead_row_changed() RETURNS trigger LANGUAGE plpgsql AS U&'
BEGIN
  IF TG_OP <> ''INSERT'' AND OLD."leadId" IS NOT NULL THEN
    PERFORM report_days_forget(OLD."tenantId",
      (SELECT CASE WHEN l."tenantId" = OLD."tenantId" THEN l."createdAt" END FROM "Lead" l WHERE l.id = OLD."leadId"))\003B
  END IF\003B
  IF TG_OP <> ''DELETE'' AND NEW."leadId" IS NOT NULL
    AND (TG_OP = ''INSERT'' OR (NEW."leadId", NEW."tenantId") IS DISTINCT FROM (OLD."leadId", OLD."tenantId")) THEN
    PERFORM report_days_forget(NEW."tenantId",
      (SELECT CASE WHEN l."tenantId" = NEW."tenantId" THEN l."createdAt" END FROM "Lead" l WHERE l.id = NEW."leadId"))\003B
  END IF\003B
  RETURN NULL\003B
END';
