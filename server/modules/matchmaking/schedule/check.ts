// The rules a schedule must keep, checked from the input contract alone: no code shared with the
// solver (model.ts's Problem and Plan), so a solver bug cannot hide in its own checker. Used by
// the unit tests and the bench.
import type { ProposedMeeting, ScheduleInput } from './model.ts';

/** Every rule a schedule (with the booked meetings) must keep; returns what is broken. */
export function checkScheduleRules(input: ScheduleInput, proposed: ProposedMeeting[]): string[] {
  const broken: string[] = [];
  const buyers = new Map(input.buyers.map((b) => [b.id, b]));
  const producers = new Map(input.producers.map((p) => [p.id, p]));
  const wished = new Set(input.wishes.map((w) => `${w.producerId}|${w.buyerId}`));
  const all = [...input.booked.map((m) => ({ ...m, booked: true })), ...proposed.map((m) => ({ ...m, booked: false }))];
  const seen = new Map<string, number>();
  const bump = (key: string) => {
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    return n;
  };
  for (const m of all) {
    const buyer = buyers.get(m.buyerId);
    const producer = producers.get(m.producerId);
    if (!buyer || !producer) {
      broken.push(`unknown party ${m.producerId} ${m.buyerId}`);
      continue;
    }
    if (m.slotIndex < 0 || m.slotIndex >= input.slotCount) broken.push(`slot ${m.slotIndex} out of range`);
    if (m.tableNumber < 1 || m.tableNumber > (input.tables[m.slotIndex] ?? 0)) broken.push(`table ${m.tableNumber} out of range`);
    if (bump(`producer ${m.producerId} slot ${m.slotIndex}`) > 1)
      broken.push(`producer ${m.producerId} twice in slot ${m.slotIndex}`);
    if (bump(`buyer ${m.buyerId} slot ${m.slotIndex}`) > buyer.representatives)
      broken.push(`buyer ${m.buyerId} beyond its representatives in slot ${m.slotIndex}`);
    if (bump(`table ${m.tableNumber} slot ${m.slotIndex}`) > 1)
      broken.push(`table ${m.tableNumber} twice in slot ${m.slotIndex}`);
    if (bump(`pair ${m.producerId} ${m.buyerId}`) > 1) broken.push(`pair ${m.producerId} ${m.buyerId} twice`);
    if (bump(`producer total ${m.producerId}`) > producer.maxMeetings) broken.push(`producer ${m.producerId} over its limit`);
    if (buyer.maxMeetings !== null && bump(`buyer total ${m.buyerId}`) > buyer.maxMeetings)
      broken.push(`buyer ${m.buyerId} over its limit`);
    if (!m.booked && buyer.blockedSlots.includes(m.slotIndex)) broken.push(`buyer ${m.buyerId} blocked slot ${m.slotIndex}`);
    if (!m.booked && !wished.has(`${m.producerId}|${m.buyerId}`)) broken.push(`pair ${m.producerId} ${m.buyerId} not wished`);
  }
  return broken;
}
