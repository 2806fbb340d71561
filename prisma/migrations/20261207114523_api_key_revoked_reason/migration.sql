-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN     "revokedById" TEXT,
ADD COLUMN     "revokedReason" TEXT;

-- CreateIndex
CREATE INDEX "ApiKey_tenantId_createdById_idx" ON "ApiKey"("tenantId", "createdById");
