-- CreateTable
CREATE TABLE "CallAnswerSettings" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "priceAnswer" TEXT,
    "servicesOffered" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "servicesNotOffered" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CallAnswerSettings_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CallAnswerSettings_tenantId_key" ON "CallAnswerSettings"("tenantId");

-- AddForeignKey
ALTER TABLE "CallAnswerSettings" ADD CONSTRAINT "CallAnswerSettings_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;
