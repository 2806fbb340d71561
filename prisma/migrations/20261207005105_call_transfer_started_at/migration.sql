-- AlterTable
ALTER TABLE "Call" ADD COLUMN     "transferStartedAt" TIMESTAMP(3);

-- The lost-transfer sweep (lostTransferCalls, server/db/cross-tenant-sweeps.ts) reads only the
-- calls still being put through to the on-call phone, oldest first: a partial index on the few
-- calls whose transfer has not ended. Enum values are literals, as in the sweep's statement.
CREATE INDEX "Call_transfer_unended_idx" ON "Call" ("transferStartedAt", "id")
  WHERE "endedAt" IS NULL AND "stage" IN ('transferring', 'transfer_result');
