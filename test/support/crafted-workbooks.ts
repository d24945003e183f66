// Spreadsheets crafted to cost a reader far more than their size: generated here, never kept
// as binaries. Each is a valid .xlsx (content types, workbook, relationships, sheet) or CSV
// whose only fault is how much it holds, so that a refusal is for a limit, not for being broken.
// The zip is written by hand, so that a test can declare an entry's size as it likes.
import { constants, crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';

const MiB = 1024 * 1024;
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** One file of the zip: its deflated bytes, what it inflates to, and the size the zip declares. */
export interface ZipPart {
  name: string;
  deflated: Buffer;
  size: number;
  crc: number;
  /** What the headers say it inflates to; its real size unless a test lies. */
  declaredSize?: number;
}

export const part = (name: string, content: string | Buffer): ZipPart => {
  const data = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
  return { name, deflated: deflateRawSync(data), size: data.length, crc: crc32(data) };
};

/** A zip (deflate, no zip64) of the parts, in order, with a central directory. */
export function zip(parts: ZipPart[]): Buffer {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    const size = p.declaredSize ?? p.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(0, 10); // time
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(p.crc >>> 0, 14);
    local.writeUInt32LE(p.deflated.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4); // made by
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(0x0800, 8);
    header.writeUInt16LE(8, 10);
    header.writeUInt16LE(0, 12);
    header.writeUInt16LE(0x21, 14);
    header.writeUInt32LE(p.crc >>> 0, 16);
    header.writeUInt32LE(p.deflated.length, 20);
    header.writeUInt32LE(size, 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt32LE(offset, 42);
    central.push(header, name);
    chunks.push(local, name, p.deflated);
    offset += local.length + name.length + p.deflated.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, directory, end]);
}

/**
 * `head`, then `chunk` repeated `times` times, then `tail`, deflated without ever holding the
 * repeats: the chunk is deflated once after a full flush (so its bytes do not depend on what
 * came before) and those bytes are repeated; the CRC is computed as it goes.
 */
export async function repeated(name: string, head: string, chunk: Buffer, times: number, tail: string): Promise<ZipPart> {
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (data: Buffer) => out.push(data));
  const flushed = async (data: Buffer, kind: number) => {
    out.length = 0;
    deflate.write(data);
    await new Promise<void>((resolve) => deflate.flush(kind, () => resolve()));
    return Buffer.concat(out);
  };
  const start = await flushed(Buffer.from(head, 'utf8'), constants.Z_FULL_FLUSH);
  const block = await flushed(chunk, constants.Z_FULL_FLUSH);
  const again = await flushed(chunk, constants.Z_FULL_FLUSH);
  if (!block.equals(again)) throw new Error('a flushed chunk did not repeat byte for byte');
  out.length = 0;
  const ended = new Promise<void>((resolve) => deflate.on('end', resolve));
  deflate.end(Buffer.from(tail, 'utf8'));
  await ended;
  const finish = Buffer.concat(out);
  // The tail was deflated after two chunks; after a full flush the state is the same whatever
  // came before, so it ends any number of them.
  const blocks: Buffer[] = Array.from({ length: times }, () => block);
  let crc = crc32(head);
  for (let i = 0; i < times; i++) crc = crc32(chunk, crc);
  crc = crc32(tail, crc);
  return {
    name,
    deflated: Buffer.concat([start, ...blocks, finish]),
    size: Buffer.byteLength(head) + times * chunk.length + Buffer.byteLength(tail),
    crc,
  };
}

/** `head`, then `mib` MiB of spaces, then `tail`. */
export const spaces = (name: string, head: string, mib: number, tail: string) =>
  repeated(name, head, Buffer.alloc(MiB, 0x20), mib, tail);

/** The buyers' required headers, so that a sheet within the limits would be read as buyers. */
export const BUYER_HEADERS = ['Tên', 'Loại', 'Tỉnh/Thành phố'];

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${escape(text)}</t></is></c>`;
const headerRow = () => `<row r="1">${BUYER_HEADERS.map((h, i) => inline(`${'ABC'[i]}1`, h)).join('')}</row>`;
/** A worksheet whose sheetData holds `rows`, followed by `after` (merged ranges, say). */
export const sheetXml = (rows: string, after = '') =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="${MAIN}"><sheetData>${rows}</sheetData>${after}</worksheet>`;

/** The parts every workbook here has: content types, relationships, a workbook with one sheet. */
export function skeleton({ sharedStrings = false, styles = false } = {}): ZipPart[] {
  const override = (path: string, type: string) =>
    `<Override PartName="${path}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.${type}+xml"/>`;
  return [
    part(
      '[Content_Types].xml',
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
        `<Default Extension="xml" ContentType="application/xml"/>` +
        override('/xl/workbook.xml', 'sheet.main') +
        override('/xl/worksheets/sheet1.xml', 'worksheet') +
        (sharedStrings ? override('/xl/sharedStrings.xml', 'sharedStrings') : '') +
        (styles ? override('/xl/styles.xml', 'styles') : '') +
        `</Types>`,
    ),
    part(
      '_rels/.rels',
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    part(
      'xl/workbook.xml',
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="${MAIN}" xmlns:r="${REL}">` +
        `<sheets><sheet name="Danh sách" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    part(
      'xl/_rels/workbook.xml.rels',
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        `<Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>` +
        (sharedStrings ? `<Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` : '') +
        (styles ? `<Relationship Id="rId3" Type="${REL}/styles" Target="styles.xml"/>` : '') +
        `</Relationships>`,
    ),
  ];
}

/** A workbook whose one sheet holds these rows (row 1, the buyers' headers, comes first). */
export const workbook = (rows: string, extra: ZipPart[] = []) =>
  zip([...skeleton(), part('xl/worksheets/sheet1.xml', sheetXml(headerRow() + rows)), ...extra]);

/** Rows 2 to rows+1 each hold one number in the last column Excel has (XFD): 16,384 columns wide. */
export function sparseFarColumns(rows: number): Buffer {
  let xml = '';
  for (let r = 2; r <= rows + 1; r++) xml += `<row r="${r}"><c r="XFD${r}"><v>1</v></c></row>`;
  return workbook(xml);
}

/** A sheet of 1 GiB (spaces between its rows): ~1 MB deflated, and its size declared honestly. */
export async function hugeEntry(): Promise<Buffer> {
  const sheet = await spaces(
    'xl/worksheets/sheet1.xml',
    sheetXml(headerRow()).replace('</sheetData></worksheet>', ''),
    1024,
    '</sheetData></worksheet>',
  );
  return zip([...skeleton(), sheet]);
}

/** The same 1 GiB sheet, declaring it inflates to 4 KB. */
export async function lyingEntry(): Promise<Buffer> {
  const sheet = await spaces(
    'xl/worksheets/sheet1.xml',
    sheetXml(headerRow()).replace('</sheetData></worksheet>', ''),
    1024,
    '</sheetData></worksheet>',
  );
  return zip([...skeleton(), { ...sheet, declaredSize: 4096 }]);
}

/** A shared string of 300 MiB of spaces, which row 2 shows. */
export async function spacesSharedStrings(): Promise<Buffer> {
  const strings = await spaces(
    'xl/sharedStrings.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="${MAIN}" count="1" uniqueCount="1"><si><t xml:space="preserve">`,
    300,
    '</t></si></sst>',
  );
  const rows = `<row r="2"><c r="A2" t="s"><v>0</v></c></row>`;
  return zip([...skeleton({ sharedStrings: true }), part('xl/worksheets/sheet1.xml', sheetXml(headerRow() + rows)), strings]);
}

/** The letters of a column, from 0 (A) to 701 (ZZ). */
export const columnName = (index: number) =>
  (index < 26 ? '' : String.fromCharCode(64 + Math.floor(index / 26))) + String.fromCharCode(65 + (index % 26));

/** `cells` one-digit cells, 64 to a row (within the column limit, and rows within theirs). */
export function manyTinyCells(cells: number): Buffer {
  const columns = Array.from({ length: 64 }, (_, i) => columnName(i));
  const rows: string[] = [];
  for (let n = 0, r = 2; n < cells; r++) {
    const row: string[] = [];
    for (let c = 0; c < 64 && n < cells; c++, n++) row.push(`<c r="${columns[c]}${r}"><v>${n % 10}</v></c>`);
    rows.push(`<row r="${r}">${row.join('')}</row>`);
  }
  return workbook(rows.join(''));
}

/** `rows` rows below the header, each holding one short name. */
export function manyRows(rows: number): Buffer {
  const xml: string[] = [];
  for (let r = 2; r <= rows + 1; r++) xml.push(`<row r="${r}"><c r="A${r}"><v>${r}</v></c></row>`);
  return workbook(xml.join(''));
}

/** A valid workbook plus `count` small custom XML parts. */
export function manyEntries(count: number): Buffer {
  const items = Array.from({ length: count }, (_, i) =>
    part(`customXml/item${i + 1}.xml`, `<?xml version="1.0"?><b:x xmlns:b="urn:x">${i}</b:x>`),
  );
  return workbook(
    `<row r="2">${inline('A2', 'Siêu thị Bách Hóa')}${inline('B2', 'Chuỗi siêu thị')}${inline('C2', 'Đắk Lắk')}</row>`,
    items,
  );
}

/** A CSV: the buyers' headers, then one line of `bytes` delimiters. */
export function csvOfDelimiters(bytes: number): Buffer {
  const header = `${BUYER_HEADERS.join(',')}\n`;
  return Buffer.concat([Buffer.from(header, 'utf8'), Buffer.alloc(bytes - Buffer.byteLength(header), ',')]);
}

/** A CSV whose second line holds a value in each of `columns` columns. */
export const csvOfColumns = (columns: number) =>
  Buffer.from(`${BUYER_HEADERS.join(',')}\n${Array.from({ length: columns }, () => '1').join(',')}\n`, 'utf8');

/** A sheet holding the header and then `after` its sheetData. */
const withAfter = (after: string, rows = '') =>
  zip([...skeleton(), part('xl/worksheets/sheet1.xml', sheetXml(headerRow() + rows, after))]);

/** Row 2 holds a value in a cell whose column is `letters` A's (1.6 KB; 300 letters is ~10^424). */
export const longColumnRef = (letters: number) => workbook(`<row r="2"><c r="${'A'.repeat(letters)}2"><v>1</v></c></row>`);

/** The header's first cell merged as far right as `letters` Z's go. */
export const longMergeRef = (letters: number) =>
  withAfter(`<mergeCells count="1"><mergeCell ref="A1:${'Z'.repeat(letters)}1"/></mergeCells>`);

/** A cell at this reference (for the bounds of a sheet: XFD and row 1,048,576). */
export const cellAt = (ref: string) => workbook(`<row><c r="${ref}"><v>1</v></c></row>`);

/** `<a>` nested about `levels` deep after the sheet's cells, never closed (3 bytes a level). */
export function deeplyNested(levels: number): Promise<Buffer> {
  const perChunk = Math.floor(MiB / 3);
  const chunk = Buffer.from('<a>'.repeat(perChunk), 'utf8');
  const head = sheetXml(headerRow()).replace('</worksheet>', '');
  return repeated('xl/worksheets/sheet1.xml', head, chunk, Math.ceil(levels / perChunk), '</worksheet>').then((sheet) =>
    zip([...skeleton(), sheet]),
  );
}

/** One element after the sheet's cells carrying `count` attributes (a0="" a1="" ...). */
export function manyAttributes(count: number): Buffer {
  const attributes = Array.from({ length: count }, (_, i) => `a${i}=""`).join(' ');
  return withAfter(`<x ${attributes}/>`);
}

/** Row 2's name is `mib` MiB of letters: one text node, within the per-file limit. */
export async function hugeText(mib: number): Promise<Buffer> {
  const head = sheetXml(headerRow()).replace('</sheetData>', '<row r="2"><c r="A2" t="inlineStr"><is><t>');
  const sheet = await repeated(
    'xl/worksheets/sheet1.xml',
    head.replace('</worksheet>', ''),
    Buffer.alloc(MiB, 0x61),
    mib,
    '</t></is></c></row></sheetData></worksheet>',
  );
  return zip([...skeleton(), sheet]);
}

/** Row 2's name cell carries an attribute whose value is `mib` MiB of letters. */
export async function hugeAttribute(mib: number): Promise<Buffer> {
  const head = sheetXml(headerRow()).replace('</sheetData></worksheet>', '<row r="2"><c r="A2" t="inlineStr" x="');
  const sheet = await repeated(
    'xl/worksheets/sheet1.xml',
    head,
    Buffer.alloc(MiB, 0x61),
    mib,
    '"><is><t>Siêu thị</t></is></c></row></sheetData></worksheet>',
  );
  return zip([...skeleton(), sheet]);
}

/** `count` merged ranges, each spreading the header's first cell over `rows` × 64 cells. */
export function manyMerges(count: number, rows = 10): Buffer {
  const range = `<mergeCell ref="A1:BL${rows}"/>`;
  return withAfter(`<mergeCells count="${count}">${range.repeat(count)}</mergeCells>`);
}

/** `mib` MiB of empty elements after the sheet's cells: the most work a byte of XML can ask. */
export async function manyElements(mib: number): Promise<Buffer> {
  const head = sheetXml(headerRow()).replace('</worksheet>', '');
  const sheet = await repeated(
    'xl/worksheets/sheet1.xml',
    head,
    Buffer.from('<a/>'.repeat(MiB / 4), 'utf8'),
    mib,
    '</worksheet>',
  );
  return zip([...skeleton(), sheet]);
}

/**
 * One shared string of `chars` letters (within any per-cell limit), shown by every cell of
 * `rows` rows of `columns` columns: a few MB of file that is `rows * columns * chars` of text.
 */
export function sharedText(chars: number, rows: number, columns: number): Buffer {
  const names = Array.from({ length: columns }, (_, i) => columnName(i));
  const xml: string[] = [];
  for (let r = 2; r <= rows + 1; r++)
    xml.push(`<row r="${r}">${names.map((c) => `<c r="${c}${r}" t="s"><v>0</v></c>`).join('')}</row>`);
  const strings = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="${MAIN}"><si><t>${'a'.repeat(chars)}</t></si></sst>`;
  return zip([
    ...skeleton({ sharedStrings: true }),
    part('xl/worksheets/sheet1.xml', sheetXml(headerRow() + xml.join(''))),
    part('xl/sharedStrings.xml', strings),
  ]);
}

/** A number format whose code is `mib` MiB long, used by each of `styles` cell styles. */
export async function longNumberFormat(mib: number, styles: number): Promise<Buffer> {
  const head = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="${MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="`;
  const tail = `"/></numFmts><cellXfs count="${styles}">${'<xf numFmtId="164"/>'.repeat(styles)}</cellXfs></styleSheet>`;
  const sheetStyles = await repeated('xl/styles.xml', head, Buffer.alloc(MiB, 0x61), mib, tail);
  return zip([...skeleton({ styles: true }), part('xl/worksheets/sheet1.xml', sheetXml(headerRow())), sheetStyles]);
}

/** A CSV: the buyers' headers, then line ends up to `bytes` (lines that hold nothing). */
export function csvOfEmptyLines(bytes: number): Buffer {
  const header = `${BUYER_HEADERS.join(',')}\n`;
  return Buffer.concat([Buffer.from(header, 'utf8'), Buffer.alloc(bytes - Buffer.byteLength(header), '\n')]);
}

/** A CSV: the buyers' headers, then lines of one delimiter each (two empty fields, not three). */
export function csvOfDelimiterLines(bytes: number): Buffer {
  const header = `${BUYER_HEADERS.join(',')}\n`;
  return Buffer.concat([Buffer.from(header, 'utf8'), Buffer.alloc(bytes - Buffer.byteLength(header), ',\n')]);
}

/** A CSV whose second line's name is one field of `bytes` letters. */
export const csvOfLongName = (bytes: number) =>
  Buffer.from(`${BUYER_HEADERS.join(',')}\n${'a'.repeat(bytes)},Chuỗi siêu thị,Đắk Lắk\n`, 'utf8');

/** A styles.xml of `mib` MiB of cell styles (`<xf/>`, 5 bytes each: 10,000,000 in 49 MiB). */
export async function manyStyles(mib: number): Promise<Buffer> {
  const head = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="${MAIN}"><cellXfs>`;
  const chunk = Buffer.from('<xf/>'.repeat(Math.floor(MiB / 5)), 'utf8');
  const styles = await repeated('xl/styles.xml', head, chunk, mib, '</cellXfs></styleSheet>');
  return zip([...skeleton({ styles: true }), part('xl/worksheets/sheet1.xml', sheetXml(headerRow())), styles]);
}
