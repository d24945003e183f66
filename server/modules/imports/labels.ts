// The Vietnamese words organisers type for the directory's codes. The first label of each is
// what the export writes; every label, the code itself and its English words are accepted.
import type { BuyerType, LegalType, ProductCategory } from '../../contracts/directory.ts';
import { foldForSearch } from '../directory/fold.ts';

/** Folded, without spaces or punctuation: "Nhà hàng - khách sạn" → "nhahangkhachsan". */
export const labelKey = (text: string) => foldForSearch(text).replace(/[^a-z0-9]/g, '');

export const legalTypeLabels: Record<LegalType, string[]> = {
  enterprise: ['Doanh nghiệp', 'Công ty', 'Công ty TNHH', 'Công ty cổ phần', 'DN', 'DNTN', 'Doanh nghiệp tư nhân'],
  cooperative: ['Hợp tác xã', 'HTX'],
  cooperative_group: ['Tổ hợp tác', 'THT', 'Cooperative group'],
  household: ['Hộ kinh doanh', 'HKD', 'Hộ sản xuất', 'Hộ sản xuất kinh doanh', 'Hộ gia đình'],
};

export const categoryLabels: Record<ProductCategory, string[]> = {
  coffee: ['Cà phê', 'Cafe'],
  pepper: ['Hồ tiêu', 'Tiêu'],
  durian: ['Sầu riêng'],
  honey: ['Mật ong'],
  rice: ['Gạo'],
  cashew: ['Hạt điều', 'Điều'],
  cocoa: ['Ca cao', 'Cacao'],
  macadamia: ['Mắc ca', 'Macca'],
  avocado: ['Bơ'],
  dried_food: ['Thực phẩm khô'],
  processed_food: ['Thực phẩm chế biến'],
  beverage: ['Đồ uống'],
  herbal: ['Thảo dược', 'Dược liệu'],
  handicraft: ['Thủ công mỹ nghệ', 'Thủ công'],
  textile: ['Dệt may'],
  tourism: ['Du lịch', 'Dịch vụ du lịch'],
  other: ['Khác'],
};

export const ratingLevelLabels: Record<'district' | 'province' | 'central', string[]> = {
  district: ['Huyện', 'Cấp huyện'],
  province: ['Tỉnh', 'Cấp tỉnh'],
  central: ['Trung ương', 'Cấp trung ương', 'Quốc gia', 'Cấp quốc gia', 'National'],
};

export const buyerTypeLabels: Record<BuyerType, string[]> = {
  supermarket_chain: ['Chuỗi siêu thị', 'Siêu thị', 'Supermarket'],
  distributor: ['Nhà phân phối', 'Phân phối', 'NPP'],
  exporter: ['Xuất khẩu', 'Doanh nghiệp xuất khẩu', 'Nhà xuất khẩu'],
  ecommerce: ['Thương mại điện tử', 'TMĐT', 'Sàn thương mại điện tử', 'E-commerce'],
  horeca: ['Nhà hàng - khách sạn', 'Nhà hàng khách sạn', 'Nhà hàng', 'Khách sạn'],
};

export interface Vocabulary<C extends string> {
  /** The code a typed label stands for, or null when it is not known. */
  codeOf(text: string): C | null;
  /** The label the export writes. */
  labelOf(code: string): string;
}

export function vocabulary<C extends string>(labels: Record<C, string[]>): Vocabulary<C> {
  const byKey = new Map<string, C>();
  for (const [code, words] of Object.entries(labels) as [C, string[]][]) {
    for (const word of [code, ...words]) byKey.set(labelKey(word), code);
  }
  return {
    codeOf: (text) => byKey.get(labelKey(text)) ?? null,
    labelOf: (code) => (labels as Record<string, string[]>)[code]?.[0] ?? code,
  };
}

export const legalTypes = vocabulary(legalTypeLabels);
export const categories = vocabulary(categoryLabels);
export const ratingLevels = vocabulary(ratingLevelLabels);
export const buyerTypes = vocabulary(buyerTypeLabels);
