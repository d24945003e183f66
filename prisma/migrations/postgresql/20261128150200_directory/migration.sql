-- DropIndex
DROP INDEX "Product_producerId_idx";

-- AlterTable
ALTER TABLE "Producer" ADD COLUMN     "registrationNo" TEXT,
ADD COLUMN     "searchText" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "Product" ADD COLUMN     "certDecisionDate" TIMESTAMP(3),
ADD COLUMN     "certDecisionNo" TEXT,
ADD COLUMN     "certExpiresAt" TIMESTAMP(3),
ADD COLUMN     "certPoints" INTEGER,
ADD COLUMN     "description" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "hasTraceQr" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "labelCompliant" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "packagingReady" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "photoUrls" TEXT NOT NULL DEFAULT '[]',
ADD COLUMN     "searchText" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "supplyReady" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Buyer" ADD COLUMN     "description" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "searchText" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "volumes" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "website" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "Invitation" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "producerId" TEXT,
    "buyerId" TEXT,
    "invitedById" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "acceptedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Invitation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Invitation_email_idx" ON "Invitation"("email");

-- CreateIndex
CREATE INDEX "Producer_legalType_idx" ON "Producer"("legalType");

-- CreateIndex
CREATE UNIQUE INDEX "Producer_registrationNo_key" ON "Producer"("registrationNo");

-- CreateIndex
CREATE INDEX "Product_producerId_category_idx" ON "Product"("producerId", "category");

-- CreateIndex
CREATE INDEX "Product_nameFolded_idx" ON "Product"("nameFolded");

-- CreateIndex
CREATE INDEX "Product_gtin_idx" ON "Product"("gtin");

-- CreateIndex
CREATE INDEX "Buyer_orgType_idx" ON "Buyer"("orgType");

-- CreateIndex
CREATE INDEX "Buyer_provinceId_idx" ON "Buyer"("provinceId");

-- AddForeignKey
ALTER TABLE "Invitation" ADD CONSTRAINT "Invitation_producerId_fkey" FOREIGN KEY ("producerId") REFERENCES "Producer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invitation" ADD CONSTRAINT "Invitation_buyerId_fkey" FOREIGN KEY ("buyerId") REFERENCES "Buyer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invitation" ADD CONSTRAINT "Invitation_invitedById_fkey" FOREIGN KEY ("invitedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

