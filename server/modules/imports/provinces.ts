// Finds today's province from what a spreadsheet says: a current name ("Đắk Lắk", "TP. Hồ Chí
// Minh"), a province merged in 2025 ("Sóc Trăng" → Cần Thơ, "Phú Yên" → Đắk Lắk) or an id.
import { labelKey } from './labels.ts';

export interface UnitRef {
  id: string;
  name: string;
  level: string;
  parentId: string | null;
}

export interface Province {
  id: string;
  name: string;
}

export interface ProvinceFinder {
  find(text: string): Province | null;
  byId(id: string): Province | null;
}

/** "Tỉnh Đắk Lắk", "Thành phố Cần Thơ", "TP. HCM" → the name alone. */
function withoutPrefix(text: string): string {
  return text.replace(/^\s*(tỉnh\s+|thành phố\s+|tp\.\s*|tp\s+)/i, '');
}

export function provinceFinder(units: UnitRef[]): ProvinceFinder {
  const current = new Map<string, Province>();
  const byKey = new Map<string, Province>();
  for (const u of units) if (u.level === 'province') current.set(u.id, { id: u.id, name: u.name });
  // Former provinces first, so a current one of the same name ("Hà Nội") wins.
  for (const u of units) {
    const parent = u.level === 'former_province' && u.parentId ? current.get(u.parentId) : undefined;
    if (parent) byKey.set(labelKey(u.name), parent);
  }
  for (const p of current.values()) {
    byKey.set(labelKey(p.name), p);
    byKey.set(labelKey(p.id), p);
  }
  const hcm = current.get('ho-chi-minh');
  if (hcm) for (const alias of ['HCM', 'TPHCM', 'Sài Gòn']) byKey.set(labelKey(alias), hcm);

  return {
    find: (text) => byKey.get(labelKey(withoutPrefix(text))) ?? byKey.get(labelKey(text)) ?? null,
    byId: (id) => current.get(id) ?? null,
  };
}
