-- CreateTable
CREATE TABLE "Invitation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "producerId" TEXT,
    "buyerId" TEXT,
    "invitedById" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "acceptedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Invitation_producerId_fkey" FOREIGN KEY ("producerId") REFERENCES "Producer" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Invitation_buyerId_fkey" FOREIGN KEY ("buyerId") REFERENCES "Buyer" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Invitation_invitedById_fkey" FOREIGN KEY ("invitedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Producer" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "nameFolded" TEXT NOT NULL,
    "searchText" TEXT NOT NULL DEFAULT '',
    "legalType" TEXT NOT NULL,
    "provinceId" TEXT NOT NULL,
    "locality" TEXT NOT NULL DEFAULT '',
    "contactName" TEXT NOT NULL DEFAULT '',
    "phone" TEXT NOT NULL DEFAULT '',
    "email" TEXT NOT NULL DEFAULT '',
    "story" TEXT NOT NULL DEFAULT '',
    "registrationNo" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Producer_provinceId_fkey" FOREIGN KEY ("provinceId") REFERENCES "AdministrativeUnit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Producer" ("contactName", "createdAt", "email", "id", "legalType", "locality", "name", "nameFolded", "phone", "provinceId", "story", "updatedAt") SELECT "contactName", "createdAt", "email", "id", "legalType", "locality", "name", "nameFolded", "phone", "provinceId", "story", "updatedAt" FROM "Producer";
DROP TABLE "Producer";
ALTER TABLE "new_Producer" RENAME TO "Producer";
CREATE INDEX "Producer_nameFolded_idx" ON "Producer"("nameFolded");
CREATE INDEX "Producer_provinceId_idx" ON "Producer"("provinceId");
CREATE INDEX "Producer_legalType_idx" ON "Producer"("legalType");
CREATE UNIQUE INDEX "Producer_registrationNo_key" ON "Producer"("registrationNo");
CREATE TABLE "new_Product" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "producerId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameFolded" TEXT NOT NULL,
    "searchText" TEXT NOT NULL DEFAULT '',
    "category" TEXT NOT NULL,
    "stars" INTEGER,
    "certPoints" INTEGER,
    "ratingLevel" TEXT,
    "ratingYear" INTEGER,
    "certDecisionNo" TEXT,
    "certDecisionDate" DATETIME,
    "certExpiresAt" DATETIME,
    "gtin" TEXT,
    "traceabilityUrl" TEXT,
    "capacityPerMonth" TEXT,
    "priceMinVnd" INTEGER,
    "priceMaxVnd" INTEGER,
    "photoUrls" TEXT NOT NULL DEFAULT '[]',
    "hasTraceQr" BOOLEAN NOT NULL DEFAULT false,
    "labelCompliant" BOOLEAN NOT NULL DEFAULT false,
    "packagingReady" BOOLEAN NOT NULL DEFAULT false,
    "supplyReady" BOOLEAN NOT NULL DEFAULT false,
    "description" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Product_producerId_fkey" FOREIGN KEY ("producerId") REFERENCES "Producer" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Product" ("capacityPerMonth", "category", "createdAt", "gtin", "id", "name", "nameFolded", "priceMaxVnd", "priceMinVnd", "producerId", "ratingLevel", "ratingYear", "stars", "traceabilityUrl", "updatedAt") SELECT "capacityPerMonth", "category", "createdAt", "gtin", "id", "name", "nameFolded", "priceMaxVnd", "priceMinVnd", "producerId", "ratingLevel", "ratingYear", "stars", "traceabilityUrl", "updatedAt" FROM "Product";
DROP TABLE "Product";
ALTER TABLE "new_Product" RENAME TO "Product";
CREATE INDEX "Product_producerId_category_idx" ON "Product"("producerId", "category");
CREATE INDEX "Product_category_idx" ON "Product"("category");
CREATE INDEX "Product_nameFolded_idx" ON "Product"("nameFolded");
CREATE INDEX "Product_gtin_idx" ON "Product"("gtin");
CREATE TABLE "new_Buyer" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "nameFolded" TEXT NOT NULL,
    "orgType" TEXT NOT NULL,
    "provinceId" TEXT NOT NULL,
    "categories" TEXT NOT NULL DEFAULT '[]',
    "minStars" INTEGER,
    "regions" TEXT NOT NULL DEFAULT '[]',
    "volumes" TEXT NOT NULL DEFAULT '',
    "description" TEXT NOT NULL DEFAULT '',
    "website" TEXT NOT NULL DEFAULT '',
    "searchText" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Buyer_provinceId_fkey" FOREIGN KEY ("provinceId") REFERENCES "AdministrativeUnit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Buyer" ("categories", "createdAt", "id", "minStars", "name", "nameFolded", "orgType", "provinceId", "regions", "updatedAt") SELECT "categories", "createdAt", "id", "minStars", "name", "nameFolded", "orgType", "provinceId", "regions", "updatedAt" FROM "Buyer";
DROP TABLE "Buyer";
ALTER TABLE "new_Buyer" RENAME TO "Buyer";
CREATE INDEX "Buyer_nameFolded_idx" ON "Buyer"("nameFolded");
CREATE INDEX "Buyer_orgType_idx" ON "Buyer"("orgType");
CREATE INDEX "Buyer_provinceId_idx" ON "Buyer"("provinceId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Invitation_email_idx" ON "Invitation"("email");

