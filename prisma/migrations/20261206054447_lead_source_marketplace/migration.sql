-- AlterEnum
ALTER TYPE "LeadSource" ADD VALUE 'marketplace';
