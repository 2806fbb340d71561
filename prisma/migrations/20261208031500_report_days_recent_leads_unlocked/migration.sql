-- A write to a lead that came in during the last half hour (or to its events and texts) forgets no
-- rolled-up day and takes no report-days lock: a day is rolled up only once it has been over for
-- an hour by the database clock (report-days.ts), so no rolled-up day can hold such a lead, and a
-- roll-up that could hold it starts at least half an hour after the write began (far beyond any
-- write's time). The first webhook of every call and every intake turn write such leads. Rows
-- already rolled up for a day over for less than an hour are forgotten once, here, so that the
-- rule holds from the start (they are counted live and rolled up again).
-- No semicolons in comments or the function body (U&'' with \003B): the PostgreSQL adapter splits
-- on them.
CREATE OR REPLACE FUNCTION report_days_forget(tenant text, at timestamp(3)) RETURNS void LANGUAGE plpgsql AS U&'
BEGIN
  IF at IS NULL OR at > (now() AT TIME ZONE ''UTC'') - interval ''30 minutes'' THEN
    RETURN\003B
  END IF\003B
  PERFORM pg_advisory_xact_lock_shared(report_days_lock_key(tenant))\003B
  DELETE FROM "ReportDay" d
  WHERE d."tenantId" = tenant AND d."startAt" <= at AND d."endAt" > at AND d."startAt" > at - interval ''2 days''\003B
END';

DELETE FROM "ReportDay" WHERE "endAt" > (now() AT TIME ZONE 'UTC') - interval '1 hour';
