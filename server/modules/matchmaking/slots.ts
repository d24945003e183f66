// A session's slots: cut from its window in slots of its length, skipping any that would
// overlap a break (the next slot starts when the break ends).
export function slotTimes(startsAt: Date, endsAt: Date, minutes: number, breaks: [Date, Date][]) {
  const slots: { startsAt: Date; endsAt: Date }[] = [];
  let t = startsAt.getTime();
  while (t + minutes * 60_000 <= endsAt.getTime()) {
    const end = t + minutes * 60_000;
    const pause = breaks.find(([from, to]) => t < to.getTime() && end > from.getTime());
    if (pause) {
      t = pause[1].getTime();
      continue;
    }
    slots.push({ startsAt: new Date(t), endsAt: new Date(end) });
    t = end;
  }
  return slots;
}

export function breaksOf(json: string): [Date, Date][] {
  try {
    const parsed: unknown = JSON.parse(json);
    if (!Array.isArray(parsed)) return [];
    return parsed.flatMap((b: { startsAt?: unknown; endsAt?: unknown }) =>
      typeof b?.startsAt === 'string' && typeof b?.endsAt === 'string'
        ? [[new Date(b.startsAt), new Date(b.endsAt)] as [Date, Date]]
        : [],
    );
  } catch {
    return [];
  }
}

/**
 * Of these slots, in their order, those where a buyer still has a representative free: it does
 * not block the slot and holds fewer meetings there than it sends representatives. What each
 * answer that offers a buyer's slots (a session's buyers, a declined request, suggestions) counts.
 */
export function slotsWithFreeSeat(
  slotIds: readonly string[],
  buyer: { representatives: number; blockedSlotIds: ReadonlySet<string> },
  meetingsIn: (slotId: string) => number,
): string[] {
  return slotIds.filter((id) => !buyer.blockedSlotIds.has(id) && meetingsIn(id) < buyer.representatives);
}
