// Booth applications of each fair, keyed by id. Organisers read them all (or by status); a
// producer reads its own. Lists are derived from the entities, so a change that arrives from
// the event feed (`application:changed`) moves an application between the filters at once.
import { defineStore } from 'pinia';
import { onScopeDispose, ref, watch } from 'vue';
import type {
  ApplicationChanged,
  ApplicationCreate,
  ApplicationDecision,
  ApplicationDto,
  ApplicationStatus,
} from '../../../server/contracts/index.ts';
import { applicationsApi } from '../api/booths.ts';
import { ApiError } from '../api/http.ts';
import { useLoadStates } from './loadState.ts';
import { useAuthStore } from './auth.ts';
import { useBoothsStore } from './booths.ts';
import { useEventFeed } from '../realtime/useEventFeed.ts';

const byArrival = (a: ApplicationDto, b: ApplicationDto) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);

export const useApplicationsStore = defineStore('applications', () => {
  const byId = ref<Record<string, ApplicationDto>>({});
  /**
   * Events whose applications the server does not answer for (404: no such call there yet):
   * the screens go on without them (the organiser searches producers instead).
   */
  const unavailable = ref<Record<string, true>>({});
  const { loadStates, loadStateOf, track, clearLoadStates } = useLoadStates();

  const keyOf = (eventId: string, status?: ApplicationStatus) => `${eventId}:${status ?? 'all'}`;

  function listState(eventId: string, status?: ApplicationStatus) {
    return loadStateOf(keyOf(eventId, status));
  }

  function isUnavailable(eventId: string): boolean {
    return unavailable.value[eventId] === true;
  }

  function keep(application: ApplicationDto): void {
    byId.value[application.id] = application;
  }

  /** In order of arrival; only one status when asked. */
  function applicationsOf(eventId: string, status?: ApplicationStatus): ApplicationDto[] {
    return Object.values(byId.value)
      .filter((a) => a.eventId === eventId && (!status || a.status === status))
      .sort(byArrival);
  }

  /**
   * Approved applications still waiting for (all) their booths: what the organiser places on the
   * plan. Counted on the plan, which the feed keeps live, rather than from the application's
   * boothIds, which an assignment does not send again.
   */
  function awaitingBooth(eventId: string): ApplicationDto[] {
    const booths = useBoothsStore();
    const planKnown = booths.idsByEvent[eventId] !== undefined;
    const assigned = new Map<string, number>();
    for (const b of booths.boothsOf(eventId)) {
      if (b.status === 'assigned' && b.producerId) assigned.set(b.producerId, (assigned.get(b.producerId) ?? 0) + 1);
    }
    const has = (a: ApplicationDto) => (planKnown ? (assigned.get(a.producerId) ?? 0) : a.boothIds.length);
    return applicationsOf(eventId, 'approved').filter((a) => has(a) < Math.max(1, a.preferences.booths));
  }

  /** A producer's current application to a fair: the latest that is not withdrawn. */
  function currentOf(eventId: string, producerId: string): ApplicationDto | undefined {
    const own = applicationsOf(eventId).filter((a) => a.producerId === producerId);
    return own.filter((a) => a.status !== 'withdrawn').at(-1) ?? own.at(-1);
  }

  function load(eventId: string, status?: ApplicationStatus): Promise<void> {
    return track(keyOf(eventId, status), async () => {
      try {
        const answer = await applicationsApi.list(eventId, status);
        delete unavailable.value[eventId];
        const listed = new Set(answer.items.map((a) => a.id));
        // What the server no longer lists under this filter is gone from it.
        for (const a of applicationsOf(eventId, status)) if (!listed.has(a.id)) delete byId.value[a.id];
        for (const application of answer.items) keep(application);
      } catch (cause) {
        if (cause instanceof ApiError && cause.status === 404) {
          unavailable.value[eventId] = true;
          return;
        }
        throw cause;
      }
    });
  }

  /** Throws the ApiError, so the form can show what was refused. */
  async function create(eventId: string, input: Partial<ApplicationCreate>): Promise<ApplicationDto> {
    const application = await applicationsApi.create(eventId, input);
    keep(application);
    return application;
  }

  async function decide(applicationId: string, decision: ApplicationDecision): Promise<ApplicationDto> {
    const application = await applicationsApi.decide(applicationId, decision);
    keep(application);
    return application;
  }

  async function withdraw(applicationId: string): Promise<ApplicationDto> {
    const application = await applicationsApi.withdraw(applicationId);
    keep(application);
    return application;
  }

  /**
   * A fact from the event feed. Organisers and the producer it belongs to get the whole
   * application; everyone else only its id and status, kept when we hold it already.
   */
  function applyChange(eventId: string, change: ApplicationChanged): void {
    if (change.application) {
      keep(change.application);
      return;
    }
    const known = byId.value[change.id];
    if (known && known.eventId === eventId) byId.value[change.id] = { ...known, status: change.status };
  }

  function clear(): void {
    byId.value = {};
    unavailable.value = {};
    clearLoadStates();
  }

  const stop = useEventFeed().on('application:changed', (fact) => applyChange(fact.eventId, fact.data));
  onScopeDispose(stop);

  // Whoever signs in next must not see the last user's applications.
  watch(
    () => useAuthStore().user?.id,
    (now, before) => {
      if (now !== before) clear();
    },
  );

  return {
    byId,
    unavailable,
    loadStates,
    listState,
    isUnavailable,
    applicationsOf,
    awaitingBooth,
    currentOf,
    load,
    create,
    decide,
    withdraw,
    applyChange,
    clear,
  };
});
