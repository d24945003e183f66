// The booths of each fair, keyed by id, with the views the floor plan needs.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { BoothDto } from '../../../server/contracts/index.ts';
import { eventsApi } from '../api/events.ts';
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

export const useBoothsStore = defineStore('booths', () => {
  const byId = ref<Record<string, BoothDto>>({});
  const idsByEvent = ref<Record<string, string[]>>({});
  const { loadStates, loadStateOf, track, clearLoadStates } = useLoadStates();

  function boothsState(eventId: string) {
    return loadStateOf(eventId);
  }

  function boothsOf(eventId: string): BoothDto[] {
    const ids = idsByEvent.value[eventId] ?? [];
    return ids.flatMap((id) => byId.value[id] ?? []);
  }

  function countsByStatus(eventId: string): Record<BoothStatus, number> {
    const counts = Object.fromEntries(boothStatuses.map((s) => [s, 0])) as Record<BoothStatus, number>;
    for (const booth of boothsOf(eventId)) counts[booth.status] += 1;
    return counts;
  }

  /** Zones in name order, each with its booths in code order (A2 before A10). */
  function zonesOf(eventId: string): BoothZone[] {
    const zones = new Map<string, BoothDto[]>();
    for (const booth of boothsOf(eventId)) {
      const booths = zones.get(booth.zone) ?? [];
      booths.push(booth);
      zones.set(booth.zone, booths);
    }
    return [...zones.entries()]
      .sort(([a], [b]) => a.localeCompare(b, 'vi', { numeric: true }))
      .map(([name, booths]) => ({ name, booths: booths.sort(byCode) }));
  }

  function load(eventId: string): Promise<void> {
    return track(eventId, async () => {
      const answer = await eventsApi.booths(eventId);
      for (const id of idsByEvent.value[eventId] ?? []) delete byId.value[id];
      for (const booth of answer.items) byId.value[booth.id] = booth;
      idsByEvent.value[eventId] = answer.items.map((b) => b.id);
    });
  }

  function clear(): void {
    byId.value = {};
    idsByEvent.value = {};
    clearLoadStates();
  }

  return { byId, idsByEvent, loadStates, boothsState, boothsOf, countsByStatus, zonesOf, load, clear };
});
