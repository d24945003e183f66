// A generated matchmaking session for the schedule's tests and bench: seeded, so every run
// sees the same session. Buyers are not equally wanted (a few chains draw most wishes), some
// send two representatives, some skip a few slots; a few meetings are already booked.
import { seededRandom } from '../../../seeded-random.ts';
import type { BookedMeeting, ScheduleBuyer, ScheduleInput, ScheduleProducer, ScheduleWish } from './model.ts';

export interface SampleOptions {
  producers: number;
  buyers: number;
  slots: number;
  tables: number;
  seed: number;
  /** meetings already booked (default producers / 20) */
  booked?: number;
  maxMeetingsPerProducer?: number;
}

export function sampleSession(o: SampleOptions): ScheduleInput {
  const rnd = seededRandom(o.seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const buyers: ScheduleBuyer[] = Array.from({ length: o.buyers }, (_, i) => {
    const blocked = new Set<number>();
    if (rnd() < 0.3) for (let n = int(1, 3); n > 0; n--) blocked.add(int(0, o.slots - 1));
    return {
      id: `buyer-${i}`,
      representatives: rnd() < 0.25 ? 2 : 1,
      blockedSlots: [...blocked].sort((x, y) => x - y),
      maxMeetings: rnd() < 0.2 ? int(Math.ceil(o.slots / 2), o.slots) : null,
    };
  });
  const producers: ScheduleProducer[] = Array.from({ length: o.producers }, (_, i) => ({
    id: `producer-${i}`,
    maxMeetings: o.maxMeetingsPerProducer ?? 4,
  }));
  // Popularity: buyer i drawn with weight 1 / (i + 1)^0.8.
  const weights = buyers.map((_, i) => 1 / (i + 1) ** 0.8);
  const totalWeight = weights.reduce((x, y) => x + y, 0);
  const drawBuyer = () => {
    let r = rnd() * totalWeight;
    for (let i = 0; i < weights.length; i++) if ((r -= weights[i]!) <= 0) return i;
    return weights.length - 1;
  };
  const wishes: ScheduleWish[] = [];
  for (const p of producers) {
    if (rnd() < 0.1) continue; // no wish list
    const chosen = new Set<number>();
    for (let n = int(1, 5), tries = 0; chosen.size < n && tries < 50; tries++) chosen.add(drawBuyer());
    [...chosen].forEach((b, rank) => wishes.push({ side: 'producer', producerId: p.id, buyerId: buyers[b]!.id, rank: rank + 1 }));
  }
  // A buyer wants some of the producers that want it (mutual wishes) and others it found itself.
  const wantedBy = new Map<string, number[]>();
  producers.forEach((p, pi) => {
    for (const w of wishes) if (w.producerId === p.id) wantedBy.set(w.buyerId, [...(wantedBy.get(w.buyerId) ?? []), pi]);
  });
  for (const b of buyers) {
    const chosen = new Set<number>();
    const fans = wantedBy.get(b.id) ?? [];
    for (let n = int(5, 20), tries = 0; chosen.size < n && tries < 100; tries++)
      chosen.add(fans.length > 0 && rnd() < 0.4 ? fans[int(0, fans.length - 1)]! : int(0, o.producers - 1));
    [...chosen].forEach((p, rank) => wishes.push({ side: 'buyer', producerId: producers[p]!.id, buyerId: b.id, rank: rank + 1 }));
  }
  // Booked meetings that keep the rules: distinct producer, buyer seat and table per slot.
  const booked: BookedMeeting[] = [];
  const used = new Set<string>();
  const seats = new Map<string, number>();
  for (let n = o.booked ?? Math.floor(o.producers / 20), tries = 0; booked.length < n && tries < n * 20; tries++) {
    const s = int(0, o.slots - 1);
    const p = int(0, o.producers - 1);
    const b = int(0, o.buyers - 1);
    const t = int(1, o.tables);
    const buyer = buyers[b]!;
    const seatKey = `b${b}:${s}`;
    if (buyer.blockedSlots.includes(s) || (seats.get(seatKey) ?? 0) >= buyer.representatives) continue;
    if (used.has(`p${p}:${s}`) || used.has(`t${t}:${s}`) || used.has(`pair${p}:${b}`)) continue;
    used.add(`p${p}:${s}`).add(`t${t}:${s}`).add(`pair${p}:${b}`);
    seats.set(seatKey, (seats.get(seatKey) ?? 0) + 1);
    booked.push({ producerId: producers[p]!.id, buyerId: buyer.id, slotIndex: s, tableNumber: t });
  }
  return { slotCount: o.slots, tables: Array.from({ length: o.slots }, () => o.tables), buyers, producers, wishes, booked };
}
