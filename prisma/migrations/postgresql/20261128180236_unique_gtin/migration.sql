-- DropIndex
DROP INDEX "Product_gtin_idx";

-- CreateIndex
CREATE UNIQUE INDEX "Product_gtin_key" ON "Product"("gtin");

