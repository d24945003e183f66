// The booths of each fair, keyed by id, with the views the floor plan needs, kept live by the
// event feed (realtime/feed.ts): it applies `booths:changed` and says how to read a fair's
// booths afresh when the feed needs a snapshot.
import { defineStore } from 'pinia';
import { onScopeDispose, ref } from 'vue';
import type { BoothDto } from '../../../server/contracts/index.ts';
import type { BoothsChanged } from '../../../server/contracts/realtime.ts';
import { eventsApi } from '../api/events.ts';
import { useEventFeed } from '../realtime/useEventFeed.ts';
import { useLoadStates } from './loadState.ts';

export type BoothStatus = BoothDto['status'];
export type BoothType = BoothDto['type'];

/** Every booth status, in the order the summary and the legend show them. */
const statusOrder: Record<BoothStatus, number> = { available: 0, held: 1, assigned: 2, blocked: 3 };
export const boothStatuses = (Object.keys(statusOrder) as BoothStatus[]).sort((a, b) => statusOrder[a] - statusOrder[b]);

export interface BoothZone {
  name: string;
  booths: BoothDto[];
}

const byCode = (a: BoothDto, b: BoothDto) => a.code.localeCompare(b.code, undefined, { numeric: true });
/** This store's snapshot loader in the feed. */
const FEED_KEY = 'booths';

export const useBoothsStore = defineStore('booths', () => {
  const feed = useEventFeed();
  const byId = ref<Record<string, BoothDto>>({});
  const idsByEvent = ref<Record<string, string[]>>({});
  const { loadStates, loadStateOf, track, clearLoadStates } = useLoadStates();
  /** Bumped when an event's booths are dropped: a read asked for before is not applied after. */
  const generations = new Map<string, number>();
  /** Events whose loader this store gave the feed. */
  const registered = new Set<string>();
  /** The seq of the last fact that changed each booth: an API answer older than it is not kept. */
  const changedAt = new Map<string, number>();

  function boothsState(eventId: string) {
    return loadStateOf(eventId);
  }

  function boothsOf(eventId: string): BoothDto[] {
    const ids = idsByEvent.value[eventId] ?? [];
    return ids.flatMap((id) => byId.value[id] ?? []);
  }

  function booth(boothId: string): BoothDto | undefined {
    return byId.value[boothId];
  }

  /** Booths a producer has at a fair: assigned to it, or held or offered to it. */
  function boothsOfProducer(eventId: string, producerId: string): BoothDto[] {
    return boothsOf(eventId)
      .filter((b) => b.producerId === producerId || b.hold?.producerId === producerId)
      .sort(byCode);
  }

  function countsByStatus(eventId: string): Record<BoothStatus, number> {
    const counts = Object.fromEntries(boothStatuses.map((s) => [s, 0])) as Record<BoothStatus, number>;
    for (const b of boothsOf(eventId)) counts[b.status] += 1;
    return counts;
  }

  /** Zones in name order, each with its booths in code order (A2 before A10). */
  function zonesOf(eventId: string): BoothZone[] {
    const zones = new Map<string, BoothDto[]>();
    for (const b of boothsOf(eventId)) {
      const booths = zones.get(b.zone) ?? [];
      booths.push(b);
      zones.set(b.zone, booths);
    }
    return [...zones.entries()]
      .sort(([a], [b]) => a.localeCompare(b, 'vi', { numeric: true }))
      .map(([name, booths]) => ({ name, booths: booths.sort(byCode) }));
  }

  /** The feed's snapshot of a fair's booths: rejects when it fails (the load state keeps the error). */
  async function readBooths(eventId: string): Promise<void> {
    const generation = generations.get(eventId) ?? 0;
    let failure: { error: unknown } | undefined;
    await track(eventId, async () => {
      try {
        const answer = await eventsApi.booths(eventId);
        if ((generations.get(eventId) ?? 0) !== generation) return;
        for (const id of idsByEvent.value[eventId] ?? []) delete byId.value[id];
        for (const b of answer.items) byId.value[b.id] = b;
        idsByEvent.value[eventId] = answer.items.map((b) => b.id);
      } catch (error) {
        failure = { error };
        throw error;
      }
    });
    if (failure) throw failure.error;
  }

  /** Reads a fair's booths (through the feed, so that no change is lost); never rejects. */
  function load(eventId: string): Promise<void> {
    feed.setLoader(eventId, FEED_KEY, () => readBooths(eventId));
    registered.add(eventId);
    return feed.reload(eventId, FEED_KEY);
  }

  /** The booths as they are now: replaced by id, removed, or added to the fair's list. */
  function put(eventId: string, booths: BoothDto[], removedIds: string[]): void {
    const ids = idsByEvent.value[eventId];
    if (!ids) return; // a fair whose booths we do not hold: its next read has them
    const kept = new Set(ids);
    let listChanged = false;
    for (const id of removedIds) {
      listChanged = kept.delete(id) || listChanged;
      delete byId.value[id];
    }
    for (const b of booths) {
      if (!kept.has(b.id)) {
        kept.add(b.id);
        listChanged = true;
      }
      byId.value[b.id] = b;
    }
    if (listChanged) idsByEvent.value[eventId] = [...kept];
  }

  /** A `booths:changed` fact, in seq order from the feed. */
  function applyChange(eventId: string, change: BoothsChanged, seq: number): void {
    for (const b of change.booths) changedAt.set(b.id, seq);
    for (const id of change.removedIds) changedAt.set(id, seq);
    put(eventId, change.booths, change.removedIds);
  }

  /** The seq the feed has applied for the fair: read it before a call, give it to applyBooths after. */
  function seqOf(eventId: string): number | undefined {
    return feed.lastSeqOf(eventId);
  }

  /**
   * Takes in booths an API call answered with (an assignment, a hold). The feed brings the same
   * change to every screen, this one included, so while the fair is live an answer is kept only
   * when no fact has changed its booth since `since` (seqOf before the call): a fact that came
   * first may be newer than the answer, and the answer would undo it. Without `since`, a live
   * fair waits for its fact (it is on its way); a fair that is not live keeps the answer.
   */
  function applyBooths(eventId: string, booths: BoothDto[], since?: number): void {
    const live = feed.stateOf(eventId).joined && feed.lastSeqOf(eventId) !== undefined;
    const kept = booths.filter((b) => !live || (since !== undefined && (changedAt.get(b.id) ?? -1) <= since));
    if (kept.length > 0) put(eventId, kept, []);
  }

  /** Drops what we hold of a fair (taken out of its room): its page reads it again later. */
  function drop(eventId: string): void {
    generations.set(eventId, (generations.get(eventId) ?? 0) + 1);
    for (const id of idsByEvent.value[eventId] ?? []) {
      delete byId.value[id];
      changedAt.delete(id);
    }
    delete idsByEvent.value[eventId];
    feed.removeLoader(eventId, FEED_KEY);
    registered.delete(eventId);
  }

  const stops = [
    feed.on('booths:changed', (fact) => applyChange(fact.eventId, fact.data, fact.seq)),
    feed.onLeft(({ eventId }) => drop(eventId)),
  ];
  onScopeDispose(() => stops.forEach((stop) => stop()));

  function clear(): void {
    for (const eventId of [...registered, ...Object.keys(idsByEvent.value)]) drop(eventId);
    byId.value = {};
    idsByEvent.value = {};
    changedAt.clear();
    clearLoadStates();
  }

  return {
    byId,
    idsByEvent,
    loadStates,
    boothsState,
    boothsOf,
    booth,
    boothsOfProducer,
    seqOf,
    applyBooths,
    countsByStatus,
    zonesOf,
    load,
    clear,
  };
});
