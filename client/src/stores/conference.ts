// A conference's programme, delegations and agreements, kept live by the event feed:
// `agenda:changed`, `delegation:changed` and `agreement:changed` carry what changed as it is
// now, and the feed asks for a fresh read (the snapshot) when it has missed too much.
import { defineStore } from 'pinia';
import { onScopeDispose, ref } from 'vue';
import type { AgendaItemDto, DelegationDto } from '../../../server/contracts/conferences.ts';
import { conferencesApi, type SeenAgreement } from '../api/conferences.ts';
import { useEventFeed } from '../realtime/useEventFeed.ts';
import { useLoadStates } from './loadState.ts';

const FEED_KEY = 'conference';

export interface ConferenceView {
  agenda: AgendaItemDto[];
  delegations: DelegationDto[];
  agreements: SeenAgreement[];
}

const byStart = (a: AgendaItemDto, b: AgendaItemDto) => a.startsAt.localeCompare(b.startsAt) || a.endsAt.localeCompare(b.endsAt);
const bySigning = (a: SeenAgreement, b: SeenAgreement) =>
  a.signingOrder - b.signingOrder || a.createdAt.localeCompare(b.createdAt);
/** The host first, then the partners by name. */
const byRole = (a: DelegationDto, b: DelegationDto) =>
  (a.role === 'host' ? 0 : 1) - (b.role === 'host' ? 0 : 1) || a.province.name.localeCompare(b.province.name, 'vi');

export const useConferenceStore = defineStore('conference', () => {
  const feed = useEventFeed();
  const byEvent = ref<Record<string, ConferenceView>>({});
  const { loadStates, loadStateOf, track, clearLoadStates } = useLoadStates();

  const of = (eventId: string): ConferenceView => byEvent.value[eventId] ?? { agenda: [], delegations: [], agreements: [] };

  async function read(eventId: string): Promise<void> {
    let failure: { error: unknown } | undefined;
    await track(eventId, async () => {
      try {
        const [agenda, delegations, agreements] = await Promise.all([
          conferencesApi.agenda(eventId),
          conferencesApi.delegations(eventId),
          conferencesApi.agreements(eventId),
        ]);
        byEvent.value[eventId] = {
          agenda: agenda.items.sort(byStart),
          delegations: delegations.items.sort(byRole),
          agreements: agreements.items.sort(bySigning),
        };
      } catch (error) {
        failure = { error };
        throw error;
      }
    });
    if (failure) throw failure.error;
  }

  /** Reads the conference through the feed, so that no change is lost; never rejects. */
  function load(eventId: string): Promise<void> {
    feed.setLoader(eventId, FEED_KEY, () => read(eventId));
    return feed.reload(eventId, FEED_KEY);
  }

  function putAgenda(eventId: string, item: AgendaItemDto): void {
    const view = byEvent.value[eventId];
    if (!view) return;
    view.agenda = [...view.agenda.filter((i) => i.id !== item.id), item].sort(byStart);
  }
  function removeAgenda(eventId: string, itemId: string): void {
    const view = byEvent.value[eventId];
    if (view) view.agenda = view.agenda.filter((i) => i.id !== itemId);
  }
  function putDelegation(eventId: string, d: DelegationDto): void {
    const view = byEvent.value[eventId];
    if (!view) return;
    view.delegations = [...view.delegations.filter((x) => x.province.id !== d.province.id), d].sort(byRole);
  }
  function putAgreement(eventId: string, a: SeenAgreement): void {
    const view = byEvent.value[eventId];
    if (!view) return;
    view.agreements = [...view.agreements.filter((x) => x.id !== a.id), a].sort(bySigning);
  }

  const stops = [
    feed.on('agenda:changed', (fact) => {
      const { change, item } = fact.data;
      if (change === 'deleted') removeAgenda(fact.eventId, item.id);
      else putAgenda(fact.eventId, item as AgendaItemDto);
    }),
    feed.on('delegation:changed', (fact) => putDelegation(fact.eventId, fact.data.delegation)),
    feed.on('agreement:changed', (fact) => putAgreement(fact.eventId, fact.data.agreement)),
    feed.onLeft(({ eventId }) => {
      delete byEvent.value[eventId];
      feed.removeLoader(eventId, FEED_KEY);
    }),
  ];
  onScopeDispose(() => stops.forEach((stop) => stop()));

  // The caller's own changes: the answer is put in at once (its fact brings the same).
  async function addAgendaItem(eventId: string, input: Parameters<typeof conferencesApi.addAgendaItem>[1]) {
    putAgenda(eventId, await conferencesApi.addAgendaItem(eventId, input));
  }
  async function removeAgendaItem(eventId: string, itemId: string) {
    await conferencesApi.removeAgendaItem(itemId);
    removeAgenda(eventId, itemId);
  }
  async function saveDelegation(eventId: string, provinceId: string, body: Parameters<typeof conferencesApi.putDelegation>[2]) {
    putDelegation(eventId, await conferencesApi.putDelegation(eventId, provinceId, body));
  }
  async function createAgreement(eventId: string, input: Parameters<typeof conferencesApi.createAgreement>[1]) {
    putAgreement(eventId, await conferencesApi.createAgreement(eventId, input));
  }
  async function confirmAgreement(eventId: string, agreementId: string, version: number, side?: 'a' | 'b') {
    putAgreement(eventId, await conferencesApi.confirmAgreement(agreementId, { version, ...(side ? { side } : {}) }));
  }
  async function withdrawAgreement(eventId: string, agreementId: string) {
    putAgreement(eventId, await conferencesApi.withdrawAgreement(agreementId));
  }

  function clear(): void {
    for (const eventId of Object.keys(byEvent.value)) feed.removeLoader(eventId, FEED_KEY);
    byEvent.value = {};
    clearLoadStates();
  }

  return {
    byEvent,
    loadStates,
    stateOf: loadStateOf,
    of,
    load,
    addAgendaItem,
    removeAgendaItem,
    saveDelegation,
    createAgreement,
    confirmAgreement,
    withdrawAgreement,
    clear,
  };
});
