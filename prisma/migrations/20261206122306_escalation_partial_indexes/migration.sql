-- DropIndex
DROP INDEX "Lead_acceptedAt_createdAt_idx";

-- DropIndex
DROP INDEX "Lead_isEstimate_lastActivityAt_idx";

-- The escalation sweep's candidate statement (dueEscalationLeads, server/db/cross-tenant-sweeps.ts)
-- reads one partial index per rule. Each index's WHERE is its branch's fixed conditions, written
-- the same way, so a sweep reads only the leads that rule applies to, in the order it takes them,
-- with the id for the probe of the Escalation key. Enum values are literals here and
-- there: a bound enum parameter would not prove the index's condition.
CREATE INDEX "Lead_escalation_urgent_idx" ON "Lead" ("createdAt", "id")
  WHERE "acceptedAt" IS NULL AND NOT "isTest" AND "status" NOT IN ('closed', 'answered_by_plumber')
    AND ("urgency" IN ('emergency', 'high') OR "temperature" >= 90);

CREATE INDEX "Lead_escalation_standard_idx" ON "Lead" ("createdAt", "id")
  WHERE "acceptedAt" IS NULL AND NOT "isTest" AND "status" NOT IN ('closed', 'answered_by_plumber')
    AND ("urgency" IS NULL OR "urgency" IN ('normal', 'low')) AND "temperature" < 90
    AND NOT "isEstimate" AND "source" <> 'manual';

CREATE INDEX "Lead_escalation_estimate_idx" ON "Lead" ("lastActivityAt", "id")
  WHERE "isEstimate" AND NOT "isTest" AND "status" <> 'closed';

CREATE INDEX "Lead_escalation_end_of_day_idx" ON "Lead" ("createdAt", "tenantId", "id")
  WHERE NOT "isTest" AND "status" <> 'closed' AND ("nextAction" IS NULL OR "nextAction" = '');
