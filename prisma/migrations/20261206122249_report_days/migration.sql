-- CreateTable
CREATE TABLE "ReportDay" (
    "id" TEXT NOT NULL DEFAULT (gen_random_uuid())::text,
    "tenantId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL,
    "startAt" TIMESTAMP(3) NOT NULL,
    "endAt" TIMESTAMP(3) NOT NULL,
    "definitions" TEXT NOT NULL,
    "computedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReportDay_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportDayGroup" (
    "id" TEXT NOT NULL DEFAULT (gen_random_uuid())::text,
    "dayId" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "source" "LeadSource" NOT NULL,
    "ownerId" TEXT,
    "callsAnswered" INTEGER NOT NULL,
    "callsBooked" INTEGER NOT NULL,
    "callsRescued" INTEGER NOT NULL,
    "callsMissed" INTEGER NOT NULL,
    "leads" INTEGER NOT NULL,
    "booked" INTEGER NOT NULL,
    "showed" INTEGER NOT NULL,
    "noShow" INTEGER NOT NULL,
    "won" INTEGER NOT NULL,
    "lost" INTEGER NOT NULL,
    "wonValueCents" DOUBLE PRECISION NOT NULL,
    "textedLeads" INTEGER NOT NULL,
    "repliedLeads" INTEGER NOT NULL,
    "textedBackLeads" INTEGER NOT NULL,
    "repliesAfterTextBack" INTEGER NOT NULL,
    "bookingsAfterTextBack" INTEGER NOT NULL,
    "linkClicks" INTEGER NOT NULL,
    "temperatureSum" DOUBLE PRECISION NOT NULL,
    "speedMs" DOUBLE PRECISION[],
    "acceptMs" DOUBLE PRECISION[],
    "optedOutAt" TIMESTAMP(3)[],

    CONSTRAINT "ReportDayGroup_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReportDay_tenantId_startAt_idx" ON "ReportDay"("tenantId", "startAt");

-- CreateIndex
CREATE UNIQUE INDEX "ReportDay_tenantId_day_key" ON "ReportDay"("tenantId", "day");

-- CreateIndex
CREATE INDEX "ReportDayGroup_dayId_idx" ON "ReportDayGroup"("dayId");

-- CreateIndex
CREATE INDEX "Lead_tenantId_callerPhone_idx" ON "Lead"("tenantId", "callerPhone");

-- AddForeignKey
ALTER TABLE "ReportDay" ADD CONSTRAINT "ReportDay_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportDayGroup" ADD CONSTRAINT "ReportDayGroup_dayId_fkey" FOREIGN KEY ("dayId") REFERENCES "ReportDay"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The report's closed days stay exact (ADR 0005): whatever a rolled-up day's figures read — one of
-- its leads, their events and texts, the consent of their numbers, the business's time zone — a
-- write to it deletes that day's row (its groups go with it), and the next report counts the day
-- live and rolls it up again. Every such write first takes the business's report-days lock in
-- shared mode, held to its commit, and the roll-up (server/reports/report-days.ts) takes it exclusively
-- without waiting, and gives up when a write is under way, so it never stores a day counted before
-- a write that commits after it. The lock is one of 1,024 per key space (businesses share them),
-- so a statement writing many businesses' rows holds at most 1,024 locks.
-- No semicolons in this file's comments or function bodies (U&'' with \003B): the PostgreSQL
-- adapter splits on them.
CREATE FUNCTION report_days_lock_key(tenant text) RETURNS bigint LANGUAGE sql IMMUTABLE AS U&'
SELECT (5005::bigint << 32) | (hashtext(tenant) & 1023)::bigint';

-- The day of the business that contains the instant (a local day is 23 to 25 hours long).
CREATE FUNCTION report_days_forget(tenant text, at timestamp(3)) RETURNS void LANGUAGE plpgsql AS U&'
BEGIN
  PERFORM pg_advisory_xact_lock_shared(report_days_lock_key(tenant))\003B
  DELETE FROM "ReportDay" d
  WHERE d."tenantId" = tenant AND d."startAt" <= at AND d."endAt" > at AND d."startAt" > at - interval ''2 days''\003B
END';

CREATE FUNCTION report_days_lead_changed() RETURNS trigger LANGUAGE plpgsql AS U&'
BEGIN
  IF TG_OP <> ''INSERT'' THEN
    PERFORM report_days_forget(OLD."tenantId", OLD."createdAt")\003B
  END IF\003B
  IF TG_OP = ''INSERT'' OR (TG_OP = ''UPDATE'' AND (NEW."createdAt", NEW."tenantId") IS DISTINCT FROM (OLD."createdAt", OLD."tenantId")) THEN
    PERFORM report_days_forget(NEW."tenantId", NEW."createdAt")\003B
  END IF\003B
  RETURN NULL\003B
END';

CREATE TRIGGER report_days_lead AFTER INSERT OR UPDATE OR DELETE ON "Lead"
  FOR EACH ROW EXECUTE FUNCTION report_days_lead_changed();

-- A row of a lead (an event, a text): the day its lead came in.
CREATE FUNCTION report_days_lead_row_changed() RETURNS trigger LANGUAGE plpgsql AS U&'
BEGIN
  IF TG_OP <> ''INSERT'' AND OLD."leadId" IS NOT NULL THEN
    PERFORM report_days_forget(OLD."tenantId",
      (SELECT l."createdAt" FROM "Lead" l WHERE l.id = OLD."leadId" AND l."tenantId" = OLD."tenantId"))\003B
  END IF\003B
  IF TG_OP <> ''DELETE'' AND NEW."leadId" IS NOT NULL
    AND (TG_OP = ''INSERT'' OR (NEW."leadId", NEW."tenantId") IS DISTINCT FROM (OLD."leadId", OLD."tenantId")) THEN
    PERFORM report_days_forget(NEW."tenantId",
      (SELECT l."createdAt" FROM "Lead" l WHERE l.id = NEW."leadId" AND l."tenantId" = NEW."tenantId"))\003B
  END IF\003B
  RETURN NULL\003B
END';

CREATE TRIGGER report_days_lead_event AFTER INSERT OR UPDATE OR DELETE ON "LeadEvent"
  FOR EACH ROW EXECUTE FUNCTION report_days_lead_row_changed();

CREATE TRIGGER report_days_message AFTER INSERT OR UPDATE OR DELETE ON "Message"
  FOR EACH ROW EXECUTE FUNCTION report_days_lead_row_changed();

-- A number's consent: the days of that number's leads that came in at or before it (an opt-out
-- counts for a lead from the lead's arrival on).
CREATE FUNCTION report_days_consent_changed() RETURNS trigger LANGUAGE plpgsql AS U&'
DECLARE
  l record\003B
BEGIN
  IF TG_OP <> ''INSERT'' THEN
    FOR l IN SELECT x."createdAt" FROM "Lead" x
      WHERE x."tenantId" = OLD."tenantId" AND x."callerPhone" = OLD.phone AND x."createdAt" <= OLD.at LOOP
      PERFORM report_days_forget(OLD."tenantId", l."createdAt")\003B
    END LOOP\003B
  END IF\003B
  IF TG_OP <> ''DELETE'' THEN
    FOR l IN SELECT x."createdAt" FROM "Lead" x
      WHERE x."tenantId" = NEW."tenantId" AND x."callerPhone" = NEW.phone AND x."createdAt" <= NEW.at LOOP
      PERFORM report_days_forget(NEW."tenantId", l."createdAt")\003B
    END LOOP\003B
  END IF\003B
  RETURN NULL\003B
END';

CREATE TRIGGER report_days_consent AFTER INSERT OR UPDATE OR DELETE ON "ConsentRecord"
  FOR EACH ROW EXECUTE FUNCTION report_days_consent_changed();

-- Another time zone moves every local day: none of the business's rolled-up days holds.
CREATE FUNCTION report_days_zone_changed() RETURNS trigger LANGUAGE plpgsql AS U&'
BEGIN
  PERFORM pg_advisory_xact_lock_shared(report_days_lock_key(NEW.id))\003B
  DELETE FROM "ReportDay" WHERE "tenantId" = NEW.id\003B
  RETURN NULL\003B
END';

CREATE TRIGGER report_days_tenant_zone AFTER UPDATE OF "timeZone" ON "Tenant"
  FOR EACH ROW WHEN (OLD."timeZone" IS DISTINCT FROM NEW."timeZone")
  EXECUTE FUNCTION report_days_zone_changed();

-- Emptying one of the tables the figures read empties the roll-up.
CREATE FUNCTION report_days_clear() RETURNS trigger LANGUAGE plpgsql AS U&'
BEGIN
  DELETE FROM "ReportDay"\003B
  RETURN NULL\003B
END';

CREATE TRIGGER report_days_lead_truncate AFTER TRUNCATE ON "Lead"
  FOR EACH STATEMENT EXECUTE FUNCTION report_days_clear();
CREATE TRIGGER report_days_lead_event_truncate AFTER TRUNCATE ON "LeadEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION report_days_clear();
CREATE TRIGGER report_days_message_truncate AFTER TRUNCATE ON "Message"
  FOR EACH STATEMENT EXECUTE FUNCTION report_days_clear();
CREATE TRIGGER report_days_consent_truncate AFTER TRUNCATE ON "ConsentRecord"
  FOR EACH STATEMENT EXECUTE FUNCTION report_days_clear();
