-- CreateIndex
CREATE INDEX "LeadEvent_tenantId_leadId_type_createdAt_idx" ON "LeadEvent"("tenantId", "leadId", "type", "createdAt");
