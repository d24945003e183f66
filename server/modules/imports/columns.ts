// The columns of each import file: the field each fills, the Vietnamese header the export
// writes, the other headers accepted (Vietnamese and English), and how a cell is read.
import type { ImportKind } from '../../contracts/imports.ts';
import * as cells from './cells.ts';
import { buyerTypes, categories, labelKey, legalTypes, ratingLevels } from './labels.ts';
import type { ProvinceFinder } from './provinces.ts';

export interface Column {
  /** The field of the contract's input schema it fills, or a field that finds a record (producer*). */
  field: string;
  /** What the export writes in the header row. */
  header: string;
  aliases: string[];
  read: cells.CellReader;
}

export interface KindColumns {
  columns: Column[];
  /** The headers a file lacks, given the fields its header row has. */
  missing(fields: Set<string>): string[];
}

const column = (field: string, header: string, aliases: string[], read: cells.CellReader): Column => ({
  field,
  header,
  aliases,
  read,
});

/** "Giá thấp nhất (VND) *" and "gia thap nhat" are the same header. */
export const headerKey = (text: string) => labelKey(text.replace(/\([^)]*\)/g, ''));

const province =
  (finder: ProvinceFinder, required: boolean): cells.CellReader =>
  (cell) => {
    const value = cells.cellText(cell);
    if (value === '') return required ? { ok: false, message: 'missing province' } : { ok: true, value: null };
    const found = finder.find(value);
    return found ? { ok: true, value: found.id } : { ok: false, message: `unknown province: ${value}` };
  };

const isCompany = (text: string) => labelKey(text).startsWith('congty') ? ('enterprise' as const) : null;

function producerColumns(finder: ProvinceFinder): Column[] {
  return [
    column('name', 'Tên chủ thể', ['Tên', 'Name', 'Chủ thể', 'Tên cơ sở', 'Producer', 'Producer name'], cells.text('missing name')),
    column(
      'legalType',
      'Loại hình',
      ['Legal type', 'Loại hình chủ thể', 'Loại hình tổ chức'],
      cells.code(legalTypes, 'legal type', { required: true, fallback: isCompany }),
    ),
    column('provinceId', 'Tỉnh/Thành phố', ['Tỉnh', 'Tỉnh/TP', 'Thành phố', 'Province'], province(finder, true)),
    column('locality', 'Địa chỉ', ['Xã/Phường', 'Xã', 'Phường', 'Locality', 'Address'], cells.text()),
    column('contactName', 'Người liên hệ', ['Contact', 'Contact name', 'Người đại diện'], cells.text()),
    column('phone', 'Điện thoại', ['Số điện thoại', 'SĐT', 'Phone'], cells.phone),
    column('email', 'Email', ['E-mail', 'Thư điện tử'], cells.text()),
    column(
      'registrationNo',
      'Mã số thuế',
      ['MST', 'Registration no', 'Registration number', 'Tax code', 'Mã số doanh nghiệp', 'Số đăng ký kinh doanh'],
      cells.optionalText,
    ),
    column('story', 'Giới thiệu', ['Story', 'Câu chuyện', 'Mô tả'], cells.text()),
  ];
}

function productColumns(finder: ProvinceFinder): Column[] {
  return [
    column('producerRegistrationNo', 'Mã số thuế chủ thể', ['MST chủ thể', 'Mã số thuế', 'Producer registration no'], cells.optionalText),
    column('producerName', 'Tên chủ thể', ['Chủ thể', 'Producer', 'Producer name'], cells.text()),
    column('producerProvinceId', 'Tỉnh', ['Tỉnh/Thành phố', 'Province'], province(finder, false)),
    column('name', 'Tên sản phẩm', ['Sản phẩm', 'Product', 'Product name', 'Tên', 'Name'], cells.text('missing name')),
    column(
      'category',
      'Nhóm',
      ['Danh mục', 'Category', 'Nhóm sản phẩm', 'Nhóm hàng', 'Ngành hàng'],
      cells.code(categories, 'category', { required: true }),
    ),
    column('stars', 'Số sao', ['Hạng sao', 'Stars', 'Sao', 'Xếp hạng'], cells.stars),
    column('certPoints', 'Điểm', ['Points', 'Điểm đánh giá'], cells.wholeNumber),
    column('ratingLevel', 'Cấp đánh giá', ['Level', 'Cấp', 'Cấp công nhận'], cells.code(ratingLevels, 'level')),
    column('certDecisionNo', 'Số quyết định', ['Decision no', 'Số QĐ'], cells.optionalText),
    column('certDecisionDate', 'Ngày quyết định', ['Decision date', 'Ngày QĐ', 'Ngày công nhận'], cells.date),
    column('gtin', 'Mã vạch', ['GTIN', 'Barcode', 'Mã số mã vạch', 'EAN'], cells.gtin),
    column('traceabilityUrl', 'Truy xuất', ['Traceability', 'Link truy xuất', 'Truy xuất nguồn gốc'], cells.optionalText),
    column('capacityPerMonth', 'Công suất/tháng', ['Capacity', 'Công suất', 'Sản lượng/tháng'], cells.optionalText),
    column('priceMinVnd', 'Giá thấp nhất', ['Price min', 'Min price', 'Giá từ'], cells.vnd),
    column('priceMaxVnd', 'Giá cao nhất', ['Price max', 'Max price', 'Giá đến'], cells.vnd),
    column('description', 'Mô tả', ['Description'], cells.text()),
    column('hasTraceQr', 'Tem QR truy xuất', ['Traceability QR', 'Tem QR'], cells.yesNo),
    column('labelCompliant', 'Nhãn đúng quy định', ['Compliant label', 'Nhãn mác'], cells.yesNo),
    column('packagingReady', 'Bao bì đạt chuẩn', ['Packaging', 'Bao bì'], cells.yesNo),
    column('supplyReady', 'Đủ nguồn cung', ['Supply ready', 'Nguồn cung'], cells.yesNo),
  ];
}

function buyerColumns(finder: ProvinceFinder): Column[] {
  return [
    column('name', 'Tên', ['Name', 'Tên đơn vị', 'Tên tổ chức', 'Buyer'], cells.text('missing name')),
    column('orgType', 'Loại', ['Type', 'Loại hình', 'Loại đơn vị'], cells.code(buyerTypes, 'type', { required: true })),
    column('provinceId', 'Tỉnh', ['Tỉnh/Thành phố', 'Province'], province(finder, true)),
    column(
      'categories',
      'Nhóm hàng',
      ['Categories', 'Danh mục', 'Nhóm hàng quan tâm'],
      cells.list((word) => {
        const found = categories.codeOf(word);
        return found ? { ok: true, value: found } : { ok: false, message: `unknown category: ${word}` };
      }),
    ),
    column('minStars', 'Sao tối thiểu', ['Min stars', 'Số sao tối thiểu'], cells.stars),
    column('regions', 'Khu vực', ['Regions', 'Vùng'], cells.list()),
    column('volumes', 'Sản lượng', ['Volumes', 'Sản lượng cần'], cells.text()),
    column('description', 'Mô tả', ['Description'], cells.text()),
    column('website', 'Website', ['Trang web'], cells.text()),
  ];
}

const headerOf = (columns: Column[], field: string) => columns.find((c) => c.field === field)!.header;

const requireAll =
  (columns: Column[], fields: string[]) =>
  (found: Set<string>): string[] =>
    fields.filter((f) => !found.has(f)).map((f) => headerOf(columns, f));

export function columnsOf(kind: ImportKind, finder: ProvinceFinder): KindColumns {
  if (kind === 'producers') {
    const columns = producerColumns(finder);
    return { columns, missing: requireAll(columns, ['name', 'legalType', 'provinceId']) };
  }
  if (kind === 'buyers') {
    const columns = buyerColumns(finder);
    return { columns, missing: requireAll(columns, ['name', 'orgType', 'provinceId']) };
  }
  const columns = productColumns(finder);
  return {
    columns,
    missing: (found) => {
      const missing = requireAll(columns, ['name', 'category'])(found);
      const findsProducer = found.has('producerRegistrationNo') || (found.has('producerName') && found.has('producerProvinceId'));
      if (!findsProducer) missing.push('Mã số thuế chủ thể (or Tên chủ thể and Tỉnh)');
      return missing;
    },
  };
}
