// Where each booth is drawn on the floor plan, in metres. The hall as it is laid out when the
// screen is wide enough for booths a finger or a mouse can hit; on a narrow screen (a phone)
// the zones are stacked one under another, each as laid out, so the plan fits the width and
// scrolls down instead of sideways. A zone whose positions are missing or overlap is drawn
// as a plain grid, so every booth is still there to find and press.
import type { BoothDto } from '../../../../server/contracts/index.ts';
import type { BoothZone } from '../../stores/booths.ts';

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface ZoneLayout {
  name: string;
  /** Where the zone's name is written (its baseline), above the zone. */
  label: { x: number; y: number };
  rect: Rect;
}

/** A booth in an allocation proposal, drawn over the plan until the proposal is accepted or dropped. */
export interface ProposedBooth {
  producerName: string;
  /** Still chosen to be accepted. */
  selected: boolean;
}

export interface PlanLayout {
  mode: 'hall' | 'stacked';
  width: number;
  height: number;
  zones: ZoneLayout[];
  booths: Map<string, Rect>;
}

/** Room above a zone for its name, and around the plan. */
const LABEL_M = 2.6;
const PAD_M = 1;
const STACK_GAP_M = 2;
const GRID_COLUMNS = 10;
const GRID_CELL_M = 3;
/** Below this many pixels per metre (a 3 m booth under 24 px) the hall is stacked by zone. */
export const MIN_HALL_PX_PER_METRE = 8;

function overlaps(a: BoothDto, b: BoothDto): boolean {
  return a.x < b.x + b.widthM && b.x < a.x + a.widthM && a.y < b.y + b.depthM && b.y < a.y + a.depthM;
}

/** True when every booth of the zone has a size and none covers another. */
function drawnToScale(booths: BoothDto[]): boolean {
  if (!booths.every((b) => b.widthM > 0 && b.depthM > 0)) return false;
  const sorted = [...booths].sort((a, b) => a.x - b.x);
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i]!;
    for (let j = i + 1; j < sorted.length && sorted[j]!.x < a.x + a.widthM; j++) {
      if (overlaps(a, sorted[j]!)) return false;
    }
  }
  return true;
}

/** The booths of one zone relative to the zone's top-left corner, and the zone's size. */
interface ZoneShape {
  /** False when drawn as a grid (positions missing or overlapping). */
  scaled: boolean;
  origin: { x: number; y: number };
  w: number;
  h: number;
  rects: Map<string, Rect>;
}

function zoneShape(zone: BoothZone): ZoneShape {
  const rects = new Map<string, Rect>();
  if (zone.booths.length > 0 && drawnToScale(zone.booths)) {
    const x0 = Math.min(...zone.booths.map((b) => b.x));
    const y0 = Math.min(...zone.booths.map((b) => b.y));
    let w = 0;
    let h = 0;
    for (const b of zone.booths) {
      rects.set(b.id, { x: b.x - x0, y: b.y - y0, w: b.widthM, h: b.depthM });
      w = Math.max(w, b.x - x0 + b.widthM);
      h = Math.max(h, b.y - y0 + b.depthM);
    }
    return { scaled: true, origin: { x: x0, y: y0 }, w, h, rects };
  }
  zone.booths.forEach((b, i) => {
    rects.set(b.id, {
      x: (i % GRID_COLUMNS) * GRID_CELL_M,
      y: Math.floor(i / GRID_COLUMNS) * GRID_CELL_M,
      w: GRID_CELL_M,
      h: GRID_CELL_M,
    });
  });
  const columns = Math.min(GRID_COLUMNS, Math.max(1, zone.booths.length));
  return {
    scaled: false,
    origin: { x: 0, y: 0 },
    w: columns * GRID_CELL_M,
    h: Math.ceil(zone.booths.length / GRID_COLUMNS) * GRID_CELL_M,
    rects,
  };
}

function intersects(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** The hall as laid out, with room above each zone for its name; null when zones would collide. */
function hallLayout(zones: BoothZone[]): PlanLayout | null {
  const shapes = zones.map((zone) => ({ zone, ...zoneShape(zone) }));
  if (shapes.some((s) => !s.scaled)) return null;
  const minX = Math.min(...shapes.map((s) => s.origin.x));
  const minY = Math.min(...shapes.map((s) => s.origin.y));
  const placed = shapes.map((s) => ({
    ...s,
    at: { x: s.origin.x - minX + PAD_M, y: s.origin.y - minY + PAD_M + LABEL_M },
  }));
  // A zone's name goes in the aisle above it: give up the hall when that lands on another zone.
  for (const a of placed) {
    const withLabel = { x: a.at.x, y: a.at.y - LABEL_M, w: a.w, h: a.h + LABEL_M };
    if (placed.some((b) => b !== a && intersects(withLabel, { x: b.at.x, y: b.at.y, w: b.w, h: b.h }))) return null;
  }
  const booths = new Map<string, Rect>();
  for (const s of placed) {
    for (const [id, r] of s.rects) booths.set(id, { ...r, x: r.x + s.at.x, y: r.y + s.at.y });
  }
  return {
    mode: 'hall',
    width: Math.max(...placed.map((s) => s.at.x + s.w)) + PAD_M,
    height: Math.max(...placed.map((s) => s.at.y + s.h)) + PAD_M,
    zones: placed.map((s) => ({
      name: s.zone.name,
      label: { x: s.at.x, y: s.at.y - 0.8 },
      rect: { x: s.at.x, y: s.at.y, w: s.w, h: s.h },
    })),
    booths,
  };
}

/** Zones one under another, each as laid out. */
function stackedLayout(zones: BoothZone[]): PlanLayout {
  const booths = new Map<string, Rect>();
  const laid: ZoneLayout[] = [];
  let y = PAD_M;
  let width = 0;
  for (const zone of zones) {
    const shape = zoneShape(zone);
    const top = y + LABEL_M;
    for (const [id, r] of shape.rects) booths.set(id, { ...r, x: r.x + PAD_M, y: r.y + top });
    laid.push({ name: zone.name, label: { x: PAD_M, y: top - 0.8 }, rect: { x: PAD_M, y: top, w: shape.w, h: shape.h } });
    width = Math.max(width, shape.w);
    y = top + shape.h + STACK_GAP_M;
  }
  return { mode: 'stacked', width: width + 2 * PAD_M, height: y - STACK_GAP_M + PAD_M, zones: laid, booths };
}

/** The hall when `availablePx` shows it at a usable scale, the zones stacked otherwise. */
export function planLayout(zones: BoothZone[], availablePx: number): PlanLayout {
  const hall = zones.length > 0 ? hallLayout(zones) : null;
  if (hall && availablePx / hall.width >= MIN_HALL_PX_PER_METRE) return hall;
  return stackedLayout(zones);
}

/**
 * The booth to go to from `from` with an arrow key: the nearest one whose centre lies that way,
 * counting distance across the direction three times as much as along it (so ArrowRight stays
 * in the row rather than jumping to a closer booth of the next row).
 */
export function nextBoothInDirection(
  rects: Map<string, Rect>,
  from: string,
  direction: 'left' | 'right' | 'up' | 'down',
): string | null {
  const start = rects.get(from);
  if (!start) return null;
  const cx = start.x + start.w / 2;
  const cy = start.y + start.h / 2;
  let best: string | null = null;
  let bestScore = Infinity;
  for (const [id, r] of rects) {
    if (id === from) continue;
    const dx = r.x + r.w / 2 - cx;
    const dy = r.y + r.h / 2 - cy;
    const along = direction === 'right' ? dx : direction === 'left' ? -dx : direction === 'down' ? dy : -dy;
    const across = direction === 'left' || direction === 'right' ? Math.abs(dy) : Math.abs(dx);
    if (along <= 0.01) continue;
    const score = along + 3 * across;
    if (score < bestScore) {
      bestScore = score;
      best = id;
    }
  }
  return best;
}
