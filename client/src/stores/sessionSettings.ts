// What organisers change of a matchmaking session: creating one in an event, its settings, and
// the buyers taking part (with their representatives). The session as it then stands is read
// into the sessions store and its buyers into the matchmaking store, as any screen reads them;
// the event feed's `session:changed` brings the same change to the other screens. Actions throw
// the ApiError, so the form can say beside each field what was refused.
import { defineStore } from 'pinia';
import { ref, watch } from 'vue';
import type { BuyerDto, SessionDto } from '../../../server/contracts/index.ts';
import type { SessionBuyerAvailabilityDto, SessionInput, SessionPatch } from '../../../server/contracts/matchmaking.ts';
import { directoryApi } from '../api/directory.ts';
import { matchmakingApi } from '../api/matchmaking.ts';
import { useAuthStore } from './auth.ts';
import { useLoadStates } from './loadState.ts';
import { useMatchmakingStore } from './matchmaking.ts';
import { useSessionsStore } from './sessions.ts';

/** Buyers offered to add to a session: the directory's, a page of the API's largest size. */
const DIRECTORY_PAGE = 200;

export type NewSession = Partial<SessionInput> & Pick<SessionInput, 'name' | 'startsAt' | 'endsAt'>;

export const useSessionSettingsStore = defineStore('sessionSettings', () => {
  const sessions = useSessionsStore();
  const matchmaking = useMatchmakingStore();
  const directoryBuyers = ref<BuyerDto[]>([]);
  const { loadStateOf, track, clearLoadStates } = useLoadStates();

  const directoryState = () => loadStateOf('directory');

  /** A new session of the event; answers it with its slots. */
  async function create(eventId: string, input: NewSession): Promise<SessionDto> {
    const session = await matchmakingApi.createSession(eventId, input);
    await sessions.loadOne(session.id);
    return session;
  }

  /** Changes only what the patch names; answers the session as it now stands. */
  async function update(sessionId: string, patch: SessionPatch): Promise<SessionDto> {
    const session = await matchmakingApi.updateSession(sessionId, patch);
    await sessions.loadOne(sessionId);
    return session;
  }

  function loadDirectoryBuyers(): Promise<void> {
    return track('directory', async () => {
      const page = await directoryApi.buyers({ pageSize: DIRECTORY_PAGE });
      directoryBuyers.value = [...page.items].sort((a, b) => a.name.localeCompare(b.name, 'vi'));
    });
  }

  /** A buyer takes part, or sends another number of representatives. */
  function setBuyer(sessionId: string, buyerId: string, representatives: number): Promise<SessionBuyerAvailabilityDto> {
    return matchmaking.setBuyer(sessionId, buyerId, { representatives });
  }

  /** A buyer leaves the session (refused while it has meetings there). */
  async function removeBuyer(sessionId: string, buyerId: string): Promise<void> {
    await matchmakingApi.removeBuyer(sessionId, buyerId);
    await matchmaking.loadBuyers(sessionId);
  }

  function clear(): void {
    directoryBuyers.value = [];
    clearLoadStates();
  }

  // Another user signing in on this screen sees none of what the last one held.
  const auth = useAuthStore();
  watch(
    () => auth.user?.id,
    (now, before) => {
      if (before !== undefined && now !== before) clear();
    },
  );

  return { directoryBuyers, directoryState, create, update, loadDirectoryBuyers, setBuyer, removeBuyer, clear };
});
