// What organisers and producers do to booths: assign, release, hold, move, check in, and a
// producer's answer to a waitlist offer. Each call goes to the API and hands the answer to the
// booths store (applyBooths, which keeps it unless a fact about that booth came meanwhile); the
// event feed brings the same change, and any that follow (a freed booth offered to the
// waitlist), to every screen, this one included. When the fair's feed is not live, a call whose
// answer does not say everything reads the plan again. Actions throw the ApiError so the screen
// can say what was refused (a 409's `conflict`).
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { BoothDto, ProducerDto } from '../../../server/contracts/index.ts';
import { boothsApi, type AllocationAccepted, type AllocationProposal } from '../api/booths.ts';
import { directoryApi } from '../api/directory.ts';
import { useEventFeed } from '../realtime/useEventFeed.ts';
import { useBoothsStore } from './booths.ts';

const PRODUCER_SEARCH_SIZE = 8;

export const useBoothActionsStore = defineStore('boothActions', () => {
  /** Booths with a call in flight, so their buttons wait for the answer. */
  const pending = ref<Record<string, true>>({});

  const booths = useBoothsStore();
  const feed = useEventFeed();

  /**
   * A change whose answer does not say everything that followed (a release may offer the booth
   * to the waitlist; a move frees the booth it left): the feed brings it when the fair is live;
   * otherwise read the plan again, quietly.
   */
  async function refresh(eventId: string): Promise<void> {
    if (!feed.stateOf(eventId).joined) await booths.load(eventId);
  }

  /** Runs a call on some booths; `keep` hands its answer to the store with the seq read before it. */
  async function run<T>(
    eventId: string,
    boothIds: string[],
    work: (keep: (answer: BoothDto[]) => void) => Promise<T>,
  ): Promise<T> {
    const since = booths.seqOf(eventId);
    for (const id of boothIds) pending.value[id] = true;
    try {
      return await work((answer) => booths.applyBooths(eventId, answer, since));
    } finally {
      for (const id of boothIds) delete pending.value[id];
    }
  }

  function isPending(boothId: string): boolean {
    return pending.value[boothId] === true;
  }

  const assign = (eventId: string, boothId: string, producerId: string) =>
    run(eventId, [boothId], async (keep) => {
      const booth = await boothsApi.assign(eventId, boothId, producerId);
      keep([booth]);
      return booth;
    });

  const release = (eventId: string, boothId: string) =>
    run(eventId, [boothId], async () => {
      await boothsApi.release(eventId, boothId);
      await refresh(eventId);
    });

  const hold = (eventId: string, boothId: string, producerId: string, minutes?: number) =>
    run(eventId, [boothId], async (keep) => {
      const booth = await boothsApi.hold(eventId, boothId, producerId, minutes);
      keep([booth]);
      return booth;
    });

  const releaseHold = (eventId: string, boothId: string) =>
    run(eventId, [boothId], async () => {
      await boothsApi.releaseHold(eventId, boothId);
      await refresh(eventId);
    });

  const move = (eventId: string, fromBoothId: string, toBoothId: string) =>
    run(eventId, [fromBoothId, toBoothId], async (keep) => {
      const booth = await boothsApi.move(eventId, fromBoothId, toBoothId);
      keep([booth]);
      await refresh(eventId);
      return booth;
    });

  const checkIn = (eventId: string, boothId: string) =>
    run(eventId, [boothId], async (keep) => {
      const booth = await boothsApi.checkIn(eventId, boothId);
      keep([booth]);
      return booth;
    });

  const acceptOffer = (eventId: string, boothId: string) =>
    run(eventId, [boothId], async (keep) => {
      const booth = await boothsApi.acceptOffer(eventId, boothId);
      keep([booth]);
      return booth;
    });

  const declineOffer = (eventId: string, boothId: string) =>
    run(eventId, [boothId], async () => {
      await boothsApi.declineOffer(eventId, boothId);
      await refresh(eventId);
    });

  /** The allocation proposed for each fair (organisers), until accepted or dropped. */
  const proposals = ref<Record<string, AllocationProposal>>({});

  async function propose(eventId: string): Promise<AllocationProposal> {
    const proposal = await boothsApi.proposeAllocation(eventId);
    proposals.value[eventId] = proposal;
    return proposal;
  }

  function dropProposal(eventId: string): void {
    delete proposals.value[eventId];
  }

  /** Accepts some placements of the proposal as one change; those no longer possible come back as skipped. */
  const acceptProposal = (eventId: string, placements: { boothId: string; applicationId: string }[]) =>
    run(
      eventId,
      placements.map((p) => p.boothId),
      async (): Promise<AllocationAccepted> => {
        const answer = await boothsApi.acceptAllocation(eventId, placements);
        delete proposals.value[eventId];
        await refresh(eventId);
        return answer;
      },
    );

  /** Producers by name, place or product, for placing one on a booth or naming a neighbour. */
  async function searchProducers(q: string): Promise<ProducerDto[]> {
    const answer = await directoryApi.producers({ q, pageSize: PRODUCER_SEARCH_SIZE });
    return answer.items;
  }

  return {
    pending,
    isPending,
    assign,
    release,
    hold,
    releaseHold,
    move,
    checkIn,
    acceptOffer,
    declineOffer,
    proposals,
    propose,
    dropProposal,
    acceptProposal,
    searchProducers,
  };
});
