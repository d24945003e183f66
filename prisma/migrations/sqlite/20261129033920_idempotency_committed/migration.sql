-- AlterTable
ALTER TABLE "IdempotencyKey" ADD COLUMN "committedAt" DATETIME;

