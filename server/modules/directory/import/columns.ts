// The spreadsheet columns of each list: one field, the headers people write for it in
// Vietnamese and English, and how its text becomes a value. Export writes the first header.
import { foldForSearch } from '../fold.ts';
import type { ImportKind } from '../../../contracts/imports.ts';

export interface Column {
  field: string;
  headers: string[];
  required?: boolean;
}

export const COLUMNS: Record<ImportKind, Column[]> = {
  producers: [
    { field: 'name', headers: ['Tên chủ thể', 'Tên', 'Name'], required: true },
    { field: 'legalType', headers: ['Loại hình', 'Legal type'], required: true },
    { field: 'province', headers: ['Tỉnh/Thành phố', 'Tỉnh', 'Province'], required: true },
    { field: 'locality', headers: ['Địa chỉ', 'Xã/Phường', 'Locality'] },
    { field: 'contactName', headers: ['Người liên hệ', 'Contact'] },
    { field: 'phone', headers: ['Điện thoại', 'Phone'] },
    { field: 'email', headers: ['Email'] },
    { field: 'registrationNo', headers: ['Mã số thuế', 'Registration no'] },
    { field: 'story', headers: ['Giới thiệu', 'Story'] },
  ],
  products: [
    { field: 'producerRegistrationNo', headers: ['Mã số thuế chủ thể', 'Producer registration no'] },
    { field: 'producerName', headers: ['Tên chủ thể', 'Producer'] },
    { field: 'producerProvince', headers: ['Tỉnh/Thành phố', 'Tỉnh', 'Province'] },
    { field: 'name', headers: ['Tên sản phẩm', 'Product'], required: true },
    { field: 'category', headers: ['Nhóm', 'Danh mục', 'Category'], required: true },
    { field: 'stars', headers: ['Số sao', 'Hạng sao', 'Stars'] },
    { field: 'certPoints', headers: ['Điểm', 'Points'] },
    { field: 'ratingLevel', headers: ['Cấp đánh giá', 'Level'] },
    { field: 'certDecisionNo', headers: ['Số quyết định', 'Decision no'] },
    { field: 'certDecisionDate', headers: ['Ngày quyết định', 'Decision date'] },
    { field: 'gtin', headers: ['Mã vạch', 'GTIN', 'Barcode'] },
    { field: 'traceabilityUrl', headers: ['Truy xuất', 'Traceability'] },
    { field: 'capacityPerMonth', headers: ['Công suất/tháng', 'Capacity'] },
    { field: 'priceMinVnd', headers: ['Giá thấp nhất', 'Lowest price'] },
    { field: 'priceMaxVnd', headers: ['Giá cao nhất', 'Highest price'] },
  ],
  buyers: [
    { field: 'name', headers: ['Tên', 'Tên đơn vị', 'Name'], required: true },
    { field: 'orgType', headers: ['Loại', 'Type'], required: true },
    { field: 'province', headers: ['Tỉnh/Thành phố', 'Tỉnh', 'Province'], required: true },
    { field: 'categories', headers: ['Nhóm hàng', 'Categories'] },
    { field: 'minStars', headers: ['Sao tối thiểu', 'Min stars'] },
    { field: 'regions', headers: ['Khu vực', 'Regions'] },
    { field: 'volumes', headers: ['Sản lượng', 'Volumes'] },
    { field: 'website', headers: ['Website'] },
  ],
};

/** Vietnamese labels people type for coded values, folded. */
const LABELS: Record<string, Record<string, string>> = {
  legalType: {
    'doanh nghiep': 'enterprise',
    'cong ty': 'enterprise',
    'hop tac xa': 'cooperative',
    htx: 'cooperative',
    'to hop tac': 'cooperative_group',
    'ho kinh doanh': 'household',
  },
  orgType: {
    'chuoi sieu thi': 'supermarket_chain',
    'sieu thi': 'supermarket_chain',
    'nha phan phoi': 'distributor',
    'xuat khau': 'exporter',
    'thuong mai dien tu': 'ecommerce',
    'nha hang - khach san': 'horeca',
    'nha hang khach san': 'horeca',
  },
  category: {
    'ca phe': 'coffee',
    'ho tieu': 'pepper',
    tieu: 'pepper',
    'sau rieng': 'durian',
    'mat ong': 'honey',
    gao: 'rice',
    'hat dieu': 'cashew',
    'ca cao': 'cocoa',
    'mac ca': 'macadamia',
    bo: 'avocado',
    'thuc pham kho': 'dried_food',
    'thuc pham che bien': 'processed_food',
    'do uong': 'beverage',
    'thao duoc': 'herbal',
    'thu cong my nghe': 'handicraft',
    'det may': 'textile',
  },
  ratingLevel: { huyen: 'district', tinh: 'province', 'trung uong': 'central' },
};

/** A coded value from its code or its Vietnamese label; unknown text is returned as typed. */
export function codeOf(kind: keyof typeof LABELS, text: string): string {
  const folded = foldForSearch(text);
  return LABELS[kind]![folded] ?? folded.replace(/ /g, '_');
}

/** Finds each field's column in the header row; names the required ones that are missing. */
export function mapHeaders(kind: ImportKind, headers: string[]): { index: Map<string, number>; missing: string[] } {
  const folded = headers.map((h) => foldForSearch(h));
  const index = new Map<string, number>();
  for (const column of COLUMNS[kind]) {
    const at = folded.findIndex((h) => column.headers.some((alias) => foldForSearch(alias) === h));
    if (at >= 0) index.set(column.field, at);
  }
  const missing = COLUMNS[kind].filter((c) => c.required && !index.has(c.field)).map((c) => c.headers[0]!);
  return { index, missing };
}
