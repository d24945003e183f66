// The automatic schedule of a session: the wish lists (whom a producer or a buyer wants to
// meet, most wanted first; organisers read every one) and the proposals an organiser generates,
// reviews and publishes. A wish list is private to its party and organisers, so no fact brings
// it: what is held is what this screen read or saved. Saving a list replaces it whole, so the
// changes of one list are sent one after the other, each from the list the previous one left.
import { defineStore } from 'pinia';
import { ref, watch } from 'vue';
import type { ScheduleProposalDto, WishDto } from '../../../server/contracts/schedule.ts';
import { matchmakingApi, type PublishAnswer } from '../api/matchmaking.ts';
import { useAuthStore } from './auth.ts';
import { useLoadStates } from './loadState.ts';

/** The most a wish list holds (the API's limit). */
export const WISHES_MAX = 100;

export const useScheduleStore = defineStore('schedule', () => {
  const auth = useAuthStore();
  const wishesBySession = ref<Record<string, WishDto[]>>({});
  const proposals = ref<Record<string, ScheduleProposalDto>>({});
  /** Sessions whose wish list is being saved, and proposals being generated or published. */
  const busy = ref<Record<string, true>>({});
  const wishStates = useLoadStates();
  const proposalStates = useLoadStates();
  const queues = new Map<string, Promise<unknown>>();

  const wishesState = (sessionId: string) => wishStates.loadStateOf(sessionId);
  const proposalState = (proposalId: string) => proposalStates.loadStateOf(proposalId);
  const isBusy = (key: string) => busy.value[key] === true;

  function wishesOf(sessionId: string): WishDto[] {
    return wishesBySession.value[sessionId] ?? [];
  }

  /** The signed-in producer's or buyer's own list, most wanted first. */
  function ownWishes(sessionId: string): WishDto[] {
    const side = auth.role === 'buyer' ? 'buyer' : 'producer';
    return wishesOf(sessionId)
      .filter((w) => w.side === side)
      .sort((a, b) => a.rank - b.rank);
  }

  /** The ids of the other side on the caller's own list, in rank order. */
  function ownIds(sessionId: string): string[] {
    return ownWishes(sessionId).map((w) => (w.side === 'producer' ? w.buyerId : w.producerId));
  }

  function isWished(sessionId: string, otherId: string): boolean {
    return ownIds(sessionId).includes(otherId);
  }

  function loadWishes(sessionId: string): Promise<void> {
    return wishStates.track(sessionId, async () => {
      wishesBySession.value[sessionId] = (await matchmakingApi.wishes(sessionId)).items;
    });
  }

  /** Runs the session's list changes one at a time; each sees the list the last one left. */
  function inTurn<T>(sessionId: string, work: () => Promise<T>): Promise<T> {
    const before = queues.get(sessionId) ?? Promise.resolve();
    const run = before.then(work, work);
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    queues.set(sessionId, settled);
    busy.value[`wishes:${sessionId}`] = true;
    void settled.then(() => {
      if (queues.get(sessionId) === settled) {
        queues.delete(sessionId);
        delete busy.value[`wishes:${sessionId}`];
      }
    });
    return run;
  }

  /** Replaces the caller's own list with these ids, most wanted first. Throws the ApiError. */
  function saveOwn(sessionId: string, change: (ids: string[]) => string[]): Promise<WishDto[]> {
    return inTurn(sessionId, async () => {
      const ids = change(ownIds(sessionId));
      const body = auth.role === 'buyer' ? { producerIds: ids } : { buyerIds: ids };
      const answer = (await matchmakingApi.setWishes(sessionId, body)).items;
      wishesBySession.value[sessionId] = answer;
      return answer;
    });
  }

  const addWish = (sessionId: string, otherId: string) =>
    saveOwn(sessionId, (ids) => (ids.includes(otherId) ? ids : [...ids, otherId]));

  const removeWish = (sessionId: string, otherId: string) => saveOwn(sessionId, (ids) => ids.filter((id) => id !== otherId));

  /** Moves one up (-1) or down (+1) the list. */
  const moveWish = (sessionId: string, otherId: string, step: -1 | 1) =>
    saveOwn(sessionId, (ids) => {
      const from = ids.indexOf(otherId);
      const to = from + step;
      if (from < 0 || to < 0 || to >= ids.length) return ids;
      const next = [...ids];
      [next[from], next[to]] = [next[to]!, next[from]!];
      return next;
    });

  function proposal(proposalId: string): ScheduleProposalDto | undefined {
    return proposals.value[proposalId];
  }

  function loadProposal(proposalId: string): Promise<void> {
    return proposalStates.track(proposalId, async () => {
      proposals.value[proposalId] = await matchmakingApi.proposal(proposalId);
    });
  }

  async function withBusy<T>(key: string, work: () => Promise<T>): Promise<T> {
    busy.value[key] = true;
    try {
      return await work();
    } finally {
      delete busy.value[key];
    }
  }

  /** Generates a draft from the session's wishes (organisers). Throws the ApiError. */
  const propose = (sessionId: string, timeLimitSeconds?: number) =>
    withBusy(`propose:${sessionId}`, async () => {
      const dto = await matchmakingApi.propose(sessionId, timeLimitSeconds);
      proposals.value[dto.id] = dto;
      return dto;
    });

  /** Books the proposal's meetings; the answer says what was booked and what was skipped. Throws the ApiError. */
  const publish = (proposalId: string): Promise<PublishAnswer> =>
    withBusy(`publish:${proposalId}`, async () => {
      const answer = await matchmakingApi.publish(proposalId);
      proposals.value[proposalId] = answer.proposal;
      return answer;
    });

  function clear(): void {
    wishesBySession.value = {};
    proposals.value = {};
    busy.value = {};
    queues.clear();
    wishStates.clearLoadStates();
    proposalStates.clearLoadStates();
  }

  // Another user signing in on this screen sees none of what the last one held.
  watch(
    () => auth.user?.id,
    (now, before) => {
      if (before !== undefined && now !== before) clear();
    },
  );

  return {
    wishesBySession,
    proposals,
    busy,
    wishesState,
    proposalState,
    isBusy,
    wishesOf,
    ownWishes,
    ownIds,
    isWished,
    loadWishes,
    addWish,
    removeWish,
    moveWish,
    proposal,
    loadProposal,
    propose,
    publish,
    clear,
  };
});
