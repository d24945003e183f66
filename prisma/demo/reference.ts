// Administrative units are data, not code: today's 34 provinces, the 63 they replaced, and
// Đắk Lắk's 15 former districts, read from vietnam-units.json beside this file.
// Loading is idempotent and cheap when everything is there (one count), so it runs on every start.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from '../../server/db/database.ts';
import { foldForSearch } from '../../server/modules/directory/fold.ts';

interface UnitsFile {
  provinces: { name: string; kind: 'city' | 'province'; formerly: string[] }[];
  dakLakDistrictsBefore2025: string[];
}

export interface UnitRow {
  id: string;
  name: string;
  level: 'province' | 'former_province' | 'former_district';
  kind: 'city' | 'province' | 'district' | 'town';
  parentId: string | null;
}

/** The five centrally-run cities before July 2025 (the others were provinces). */
const FORMER_CITIES = new Set(['Hà Nội', 'Hải Phòng', 'Đà Nẵng', 'Hồ Chí Minh', 'Cần Thơ']);
/** Đắk Lắk's district-level units that were not districts. */
const DISTRICT_KINDS: Record<string, UnitRow['kind']> = { 'Buôn Ma Thuột': 'city', 'Buôn Hồ': 'town' };

/** "Cư M'gar" → "cu-mgar", "Bà Rịa - Vũng Tàu" → "ba-ria-vung-tau". */
export function slugOf(name: string): string {
  return foldForSearch(name)
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Id of a current province or city: provinceIdOf('Đắk Lắk') === 'dak-lak'. */
export function provinceIdOf(name: string): string {
  return slugOf(name);
}

/** Id of a province as it was before July 2025: formerProvinceIdOf('Sóc Trăng') === 'former-soc-trang'. */
export function formerProvinceIdOf(name: string): string {
  return `former-${slugOf(name)}`;
}

/** Id of one of Đắk Lắk's former districts: formerDistrictIdOf('Krông Pắc') === 'district-krong-pac'. */
export function formerDistrictIdOf(name: string): string {
  return `district-${slugOf(name)}`;
}

let cached: UnitsFile | undefined;
function readUnitsFile(): UnitsFile {
  cached ??= JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'vietnam-units.json'), 'utf8')) as UnitsFile;
  return cached;
}

/** Every unit row, parents before children. */
export function administrativeUnitRows(): UnitRow[] {
  const file = readUnitsFile();
  const rows: UnitRow[] = [];
  for (const p of file.provinces) {
    rows.push({ id: provinceIdOf(p.name), name: p.name, level: 'province', kind: p.kind, parentId: null });
  }
  for (const p of file.provinces) {
    for (const former of p.formerly) {
      rows.push({
        id: formerProvinceIdOf(former),
        name: former,
        level: 'former_province',
        kind: FORMER_CITIES.has(former) ? 'city' : 'province',
        parentId: provinceIdOf(p.name),
      });
    }
  }
  for (const d of file.dakLakDistrictsBefore2025) {
    rows.push({
      id: formerDistrictIdOf(d),
      name: d,
      level: 'former_district',
      kind: DISTRICT_KINDS[d] ?? 'district',
      parentId: formerProvinceIdOf('Đắk Lắk'),
    });
  }
  return rows;
}

/**
 * Makes sure every administrative unit is in the database; returns how many there are.
 * Safe on every start and from several processes at once: it counts first, then inserts
 * only the missing rows, one level at a time so parents exist before their children.
 */
export async function loadAdministrativeUnits(prisma: Db): Promise<number> {
  const rows = administrativeUnitRows();
  const ids = rows.map((r) => r.id);
  const present = await prisma.administrativeUnit.count({ where: { id: { in: ids } } });
  if (present === rows.length) return present;

  const existing = new Set((await prisma.administrativeUnit.findMany({ select: { id: true } })).map((u) => u.id));
  for (const level of ['province', 'former_province', 'former_district'] as const) {
    const missing = rows.filter((r) => r.level === level && !existing.has(r.id));
    if (missing.length === 0) continue;
    try {
      await prisma.administrativeUnit.createMany({ data: missing });
    } catch (error) {
      // Another process may have inserted the same rows meanwhile; fine if they are all there now.
      const now = await prisma.administrativeUnit.count({ where: { id: { in: missing.map((r) => r.id) } } });
      if (now !== missing.length) throw error;
    }
  }
  return prisma.administrativeUnit.count({ where: { id: { in: ids } } });
}
