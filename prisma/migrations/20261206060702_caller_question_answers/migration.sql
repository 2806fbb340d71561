-- AlterTable
ALTER TABLE "CallAnswerSettings" ADD COLUMN     "brandsAnswer" TEXT,
ADD COLUMN     "estimateAnswer" TEXT,
ADD COLUMN     "licenseAnswer" TEXT,
ADD COLUMN     "paymentAnswer" TEXT,
ADD COLUMN     "warrantyAnswer" TEXT;
