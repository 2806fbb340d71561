-- CreateEnum
CREATE TYPE "CallStep" AS ENUM ('ringing', 'dialed', 'intake', 'transferring', 'transfer_result', 'ended');

-- AlterTable: the stored steps become the enum, and transfer-result is spelled transfer_result
ALTER TABLE "Call" ALTER COLUMN "stage" TYPE "CallStep"
  USING (CASE "stage" WHEN 'transfer-result' THEN 'transfer_result' ELSE "stage" END)::"CallStep";
