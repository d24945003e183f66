// The automatic schedule's contract and its indexed form. Input: a session's ordered slots,
// tables per slot, buyers (representatives, blocked slots, a meeting limit), producers (a
// meeting limit), wishes from both sides with their rank, and meetings already booked (fixed:
// they hold their producer, a buyer seat and a table in their slot and count against limits).
// Output: meetings producer x buyer x slot x table, each with why it is there. No database here.

export interface ScheduleBuyer {
  id: string;
  /** how many meetings it holds at once in one slot */
  representatives: number;
  /** indices of the slots it does not attend */
  blockedSlots: number[];
  /** meetings per session; null: as many as its slots and representatives allow */
  maxMeetings: number | null;
}
export interface ScheduleProducer {
  id: string;
  maxMeetings: number;
}
export interface ScheduleWish {
  /** whose wish: the producer wants the buyer, or the buyer wants the producer */
  side: 'producer' | 'buyer';
  producerId: string;
  buyerId: string;
  /** 1 (most wanted) upwards */
  rank: number;
  /** at a conference: the producer and the buyer are of different provinces, which the schedule favours */
  crossProvince?: boolean;
}
export interface BookedMeeting {
  producerId: string;
  buyerId: string;
  slotIndex: number;
  tableNumber: number;
}
export interface ScheduleInput {
  /** number of slots, in order (slot index 0 .. slotCount - 1) */
  slotCount: number;
  /** tables per slot (numbered 1..tables[s]) */
  tables: number[];
  buyers: ScheduleBuyer[];
  producers: ScheduleProducer[];
  wishes: ScheduleWish[];
  booked: BookedMeeting[];
}

export type ScheduleReason =
  | { code: 'mutual_wish'; producerRank: number; buyerRank: number }
  | { code: 'producer_wish'; rank: number }
  | { code: 'buyer_wish'; rank: number }
  /** the producer's only meeting of the session: every producer with a wish gets one where capacity allows */
  | { code: 'coverage' };

export interface ProposedMeeting {
  producerId: string;
  buyerId: string;
  slotIndex: number;
  tableNumber: number;
  reasons: ScheduleReason[];
}

// Weights of the objective (maximised). A producer covered outweighs any set of wishes its one
// meeting could displace; a mutual wish outweighs three one-sided ones; a better rank adds a
// little. Integers, so objective, bound and gap are exact.
export const WEIGHT_COVERAGE = 1000;
export const WEIGHT_MUTUAL = 100;
export const WEIGHT_ONE_SIDED = 20;
export const rankBonus = (rank: number) => Math.max(1, 11 - rank);
/** At a conference, a pair of two provinces (the point of the conference) before a pair of one. */
export const WEIGHT_CROSS_PROVINCE = 15;

/** A wished pair that is not yet met: the only pairs the schedule may propose. */
export interface Pair {
  p: number;
  b: number;
  value: number;
  producerRank: number | null;
  buyerRank: number | null;
}

/** The input in indices, with what the booked meetings already hold subtracted. */
export class Problem {
  readonly S: number;
  readonly P: number;
  readonly B: number;
  readonly producerIndex = new Map<string, number>();
  readonly buyerIndex = new Map<string, number>();
  /** tables still free per slot, and which */
  readonly tablesLeft: Int32Array;
  readonly tableTaken: Set<number>[];
  /** producer p busy in slot s (booked): prodBusy[p * S + s] */
  readonly prodBusy: Uint8Array;
  /** meetings producer p may still get */
  readonly prodLeft: Int32Array;
  /** buyer seats still free in slot s: seatsLeft[b * S + s] (0 when it does not attend) */
  readonly seatsLeft: Int32Array;
  /** buyer b blocked slot s */
  readonly blocked: Uint8Array;
  /** meetings buyer b may still get (Infinity-like when unlimited) */
  readonly buyerLeft: Int32Array;
  /** producer already has a booked meeting */
  readonly prodBooked: Int32Array;
  /** booked meetings of buyer b in slot s (for idle gaps) */
  readonly buyerBookedAt: Int32Array;
  readonly pairs: Pair[];
  /** producer takes part in a wish (its own or a buyer's) */
  readonly hasWish: Uint8Array;
  /** producer with a wish and no booked meeting: counts for coverage */
  readonly needsCover: Uint8Array;

  constructor(readonly input: ScheduleInput) {
    const S = (this.S = input.slotCount);
    input.producers.forEach((p, i) => this.producerIndex.set(p.id, i));
    input.buyers.forEach((b, i) => this.buyerIndex.set(b.id, i));
    const P = (this.P = input.producers.length);
    const B = (this.B = input.buyers.length);
    this.tablesLeft = Int32Array.from({ length: S }, (_, s) => input.tables[s] ?? 0);
    this.tableTaken = Array.from({ length: S }, () => new Set<number>());
    this.prodBusy = new Uint8Array(P * S);
    this.prodLeft = Int32Array.from(input.producers, (p) => p.maxMeetings);
    this.prodBooked = new Int32Array(P);
    this.seatsLeft = new Int32Array(B * S);
    this.blocked = new Uint8Array(B * S);
    this.buyerBookedAt = new Int32Array(B * S);
    this.buyerLeft = Int32Array.from(input.buyers, (b) => (b.maxMeetings === null ? 1 << 30 : b.maxMeetings));
    input.buyers.forEach((b, bi) => {
      for (let s = 0; s < S; s++) this.seatsLeft[bi * S + s] = b.representatives;
      for (const s of b.blockedSlots)
        if (s >= 0 && s < S) {
          this.seatsLeft[bi * S + s] = 0;
          this.blocked[bi * S + s] = 1;
        }
    });
    const bookedPairs = new Set<string>();
    for (const m of input.booked) {
      const s = m.slotIndex;
      if (s < 0 || s >= S) continue;
      if (!this.tableTaken[s]!.has(m.tableNumber)) {
        this.tableTaken[s]!.add(m.tableNumber);
        if (m.tableNumber >= 1 && m.tableNumber <= (input.tables[s] ?? 0)) this.tablesLeft[s]!--;
      }
      const p = this.producerIndex.get(m.producerId);
      const b = this.buyerIndex.get(m.buyerId);
      bookedPairs.add(`${m.producerId}\u0000${m.buyerId}`);
      if (p !== undefined) {
        this.prodBusy[p * S + s] = 1;
        this.prodLeft[p]!--;
        this.prodBooked[p]!++;
      }
      if (b !== undefined) {
        this.seatsLeft[b * S + s] = Math.max(0, this.seatsLeft[b * S + s]! - 1);
        this.buyerBookedAt[b * S + s]!++;
        this.buyerLeft[b]!--;
      }
    }
    // Wished pairs: the best rank each side gave, both sides merged.
    const byPair = new Map<
      string,
      { p: number; b: number; producerRank: number | null; buyerRank: number | null; crossProvince: boolean }
    >();
    for (const w of input.wishes) {
      const p = this.producerIndex.get(w.producerId);
      const b = this.buyerIndex.get(w.buyerId);
      if (p === undefined || b === undefined) continue;
      const key = `${w.producerId}\u0000${w.buyerId}`;
      const pair = byPair.get(key) ?? { p, b, producerRank: null, buyerRank: null, crossProvince: w.crossProvince === true };
      if (w.side === 'producer') pair.producerRank = Math.min(pair.producerRank ?? Infinity, w.rank);
      else pair.buyerRank = Math.min(pair.buyerRank ?? Infinity, w.rank);
      byPair.set(key, pair);
    }
    this.hasWish = new Uint8Array(P);
    this.pairs = [];
    for (const [key, pair] of byPair) {
      this.hasWish[pair.p] = 1;
      if (bookedPairs.has(key)) continue; // no pair twice
      const { crossProvince, ...ranks } = pair;
      this.pairs.push({
        ...ranks,
        value: pairValue(pair.producerRank, pair.buyerRank) + (crossProvince ? WEIGHT_CROSS_PROVINCE : 0),
      });
    }
    // A fixed order (best pairs first, then by index) keeps every pass deterministic.
    this.pairs.sort((x, y) => y.value - x.value || x.p - y.p || x.b - y.b);
    this.needsCover = Uint8Array.from(this.hasWish, (h, p) => (h && this.prodBooked[p] === 0 ? 1 : 0));
  }

  /** Slots where pair k could meet if nothing new were placed. */
  openSlots(k: number): number[] {
    const { p, b } = this.pairs[k]!;
    const S = this.S;
    const out: number[] = [];
    if (this.prodLeft[p]! <= 0 || this.buyerLeft[b]! <= 0) return out;
    for (let s = 0; s < S; s++)
      if (!this.prodBusy[p * S + s] && this.seatsLeft[b * S + s]! > 0 && this.tablesLeft[s]! > 0) out.push(s);
    return out;
  }
}

export function pairValue(producerRank: number | null, buyerRank: number | null): number {
  if (producerRank !== null && buyerRank !== null) return WEIGHT_MUTUAL + rankBonus(producerRank) + rankBonus(buyerRank);
  return WEIGHT_ONE_SIDED + rankBonus((producerRank ?? buyerRank)!);
}

/** A schedule being built: which pair meets in which slot, with every count it affects. */
export class Plan {
  /** slot of pair k, -1 when it does not meet */
  readonly slotOf: Int32Array;
  readonly prodAt: Uint8Array;
  readonly seatsUsed: Int32Array;
  readonly tablesUsed: Int32Array;
  readonly prodCount: Int32Array;
  readonly buyerCount: Int32Array;

  constructor(readonly problem: Problem) {
    const { P, B, S } = problem;
    this.slotOf = new Int32Array(problem.pairs.length).fill(-1);
    this.prodAt = new Uint8Array(P * S);
    this.seatsUsed = new Int32Array(B * S);
    this.tablesUsed = new Int32Array(S);
    this.prodCount = new Int32Array(P);
    this.buyerCount = new Int32Array(B);
  }

  /** Whether pair k may meet in slot s now (it must not meet yet). */
  canPlace(k: number, s: number): boolean {
    const pr = this.problem;
    const { p, b } = pr.pairs[k]!;
    const S = pr.S;
    return (
      this.slotOf[k] === -1 &&
      !pr.prodBusy[p * S + s] &&
      !this.prodAt[p * S + s] &&
      this.seatsUsed[b * S + s]! < pr.seatsLeft[b * S + s]! &&
      this.tablesUsed[s]! < pr.tablesLeft[s]! &&
      this.prodCount[p]! < pr.prodLeft[p]! &&
      this.buyerCount[b]! < pr.buyerLeft[b]!
    );
  }

  place(k: number, s: number) {
    const { p, b } = this.problem.pairs[k]!;
    const S = this.problem.S;
    this.slotOf[k] = s;
    this.prodAt[p * S + s] = 1;
    this.seatsUsed[b * S + s]!++;
    this.tablesUsed[s]!++;
    this.prodCount[p]!++;
    this.buyerCount[b]!++;
  }

  remove(k: number) {
    const s = this.slotOf[k]!;
    if (s < 0) return;
    const { p, b } = this.problem.pairs[k]!;
    const S = this.problem.S;
    this.slotOf[k] = -1;
    this.prodAt[p * S + s] = 0;
    this.seatsUsed[b * S + s]!--;
    this.tablesUsed[s]!--;
    this.prodCount[p]!--;
    this.buyerCount[b]!--;
  }

  /** The objective: wishes met by value, plus the coverage weight per producer newly covered. */
  objective(): number {
    const pr = this.problem;
    let total = 0;
    this.slotOf.forEach((s, k) => {
      if (s >= 0) total += pr.pairs[k]!.value;
    });
    for (let p = 0; p < pr.P; p++) if (pr.needsCover[p] && this.prodCount[p]! > 0) total += WEIGHT_COVERAGE;
    return total;
  }

  /** Idle slots of producer p: free slots between its first and last meeting. */
  producerGaps(p: number): number {
    const pr = this.problem;
    const S = pr.S;
    let first = -1;
    let last = -1;
    let busy = 0;
    for (let s = 0; s < S; s++)
      if (pr.prodBusy[p * S + s] || this.prodAt[p * S + s]) {
        if (first < 0) first = s;
        last = s;
        busy++;
      }
    return first < 0 ? 0 : last - first + 1 - busy;
  }

  /** Idle slots of buyer b: attended slots without any meeting between its first and last one. */
  buyerGaps(b: number): number {
    const pr = this.problem;
    const S = pr.S;
    let first = -1;
    let last = -1;
    for (let s = 0; s < S; s++)
      if (pr.buyerBookedAt[b * S + s]! > 0 || this.seatsUsed[b * S + s]! > 0) {
        if (first < 0) first = s;
        last = s;
      }
    let gaps = 0;
    for (let s = first; s >= 0 && s <= last; s++)
      if (!pr.blocked[b * S + s] && pr.buyerBookedAt[b * S + s] === 0 && this.seatsUsed[b * S + s] === 0) gaps++;
    return gaps;
  }

  idleGaps(): number {
    let total = 0;
    for (let p = 0; p < this.problem.P; p++) total += this.producerGaps(p);
    for (let b = 0; b < this.problem.B; b++) total += this.buyerGaps(b);
    return total;
  }

  copy(): Plan {
    const other = new Plan(this.problem);
    this.slotOf.forEach((s, k) => {
      if (s >= 0) other.place(k, s);
    });
    return other;
  }
}
