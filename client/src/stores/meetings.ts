// The meetings and meeting requests of each matchmaking session, keyed by id, kept live by the
// event feed (realtime/feed.ts): it applies `meeting:changed` and `request:changed` and says how
// to read a session's meetings afresh when the feed needs a snapshot. What a caller holds is
// what the API lets it see: organisers every meeting whole, a producer or a buyer its own whole
// (and, from the feed, the tables others take: MeetingPublicDto), officials the taken tables.
import { defineStore } from 'pinia';
import { onScopeDispose, ref, watch } from 'vue';
import type { MeetingDto, MeetingRequestDto } from '../../../server/contracts/matchmaking.ts';
import type { MeetingChanged, RequestChanged } from '../../../server/contracts/realtime.ts';
import { isWholeMeeting, matchmakingApi, type SessionMeeting } from '../api/matchmaking.ts';
import { useEventFeed } from '../realtime/useEventFeed.ts';
import { useAuthStore } from './auth.ts';
import { useLoadStates } from './loadState.ts';

/** A change to one of the viewer's own meetings or requests that came live, to announce it. */
export interface LiveNotice {
  id: number;
  kind: 'meeting' | 'request';
  change: MeetingChanged['change'] | RequestChanged['change'];
  meetingId?: string;
  requestId?: string;
  at: string;
}

const feedKey = (sessionId: string) => `meetings:${sessionId}`;
const byTime = (a: { startsAt: string }, b: { startsAt: string }) => a.startsAt.localeCompare(b.startsAt);
const NOTICES_KEPT = 5;

export const useMeetingsStore = defineStore('meetings', () => {
  const feed = useEventFeed();
  const auth = useAuthStore();
  const byId = ref<Record<string, SessionMeeting>>({});
  const idsBySession = ref<Record<string, string[]>>({});
  const requestsById = ref<Record<string, MeetingRequestDto>>({});
  const requestIdsBySession = ref<Record<string, string[]>>({});
  /** Live changes per session, newest first: the page announces them. */
  const notices = ref<Record<string, LiveNotice[]>>({});
  const { loadStates, loadStateOf, track, clearLoadStates } = useLoadStates();
  /** The event of each session we hold (its feed and its loader). */
  const eventOfSession = new Map<string, string>();
  /** The seq of the last fact that changed each meeting or request: an older API answer is not kept. */
  const changedAt = new Map<string, number>();
  const generations = new Map<string, number>();
  let noticeId = 0;

  function meetingsState(sessionId: string) {
    return loadStateOf(sessionId);
  }

  /** Every meeting held of a session, whole or public, in time order (whole ones) then table. */
  function meetingsOf(sessionId: string): SessionMeeting[] {
    return (idsBySession.value[sessionId] ?? []).flatMap((id) => byId.value[id] ?? []);
  }

  /** The meetings the viewer sees whole (its own; every one for organisers), in time order. */
  function wholeMeetingsOf(sessionId: string, options: { includeCancelled?: boolean } = {}): MeetingDto[] {
    return meetingsOf(sessionId)
      .filter(isWholeMeeting)
      .filter((m) => options.includeCancelled || m.status !== 'cancelled')
      .sort((a, b) => byTime(a, b) || a.tableNumber - b.tableNumber);
  }

  /** The standing meetings of a session by slot and table, for the organiser's grid. */
  function gridOf(sessionId: string): Map<string, SessionMeeting> {
    const grid = new Map<string, SessionMeeting>();
    for (const m of meetingsOf(sessionId)) if (m.status !== 'cancelled') grid.set(`${m.slotId}:${m.tableNumber}`, m);
    return grid;
  }

  function meeting(meetingId: string): SessionMeeting | undefined {
    return byId.value[meetingId];
  }

  function requestsOf(sessionId: string): MeetingRequestDto[] {
    return (requestIdsBySession.value[sessionId] ?? [])
      .flatMap((id) => requestsById.value[id] ?? [])
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  function noticesOf(sessionId: string): LiveNotice[] {
    return notices.value[sessionId] ?? [];
  }

  /** Requests are for their producer, their buyer and organisers; officials have none. */
  const readsRequests = () => auth.role === 'producer' || auth.role === 'buyer' || auth.role === 'organiser';

  /** The feed's snapshot of a session's meetings (and requests): rejects when it fails. */
  async function readSession(sessionId: string): Promise<void> {
    const generation = generations.get(sessionId) ?? 0;
    let failure: { error: unknown } | undefined;
    await track(sessionId, async () => {
      try {
        const [meetings, requests] = await Promise.all([
          matchmakingApi.meetings(sessionId),
          readsRequests() ? matchmakingApi.requests(sessionId) : Promise.resolve({ items: [] as MeetingRequestDto[] }),
        ]);
        if ((generations.get(sessionId) ?? 0) !== generation) return;
        // Cancelled ones seen live stay (struck through) until the next read; the read has the rest.
        for (const id of idsBySession.value[sessionId] ?? []) delete byId.value[id];
        for (const m of meetings.items) byId.value[m.id] = m;
        idsBySession.value[sessionId] = meetings.items.map((m) => m.id);
        for (const id of requestIdsBySession.value[sessionId] ?? []) delete requestsById.value[id];
        for (const r of requests.items) requestsById.value[r.id] = r;
        requestIdsBySession.value[sessionId] = requests.items.map((r) => r.id);
      } catch (error) {
        failure = { error };
        throw error;
      }
    });
    if (failure) throw failure.error;
  }

  /** Reads a session's meetings through the feed of its event, so that no change is lost; never rejects. */
  function load(eventId: string, sessionId: string): Promise<void> {
    eventOfSession.set(sessionId, eventId);
    feed.setLoader(eventId, feedKey(sessionId), () => readSession(sessionId));
    return feed.reload(eventId, feedKey(sessionId));
  }

  function putMeeting(m: SessionMeeting): void {
    const ids = idsBySession.value[m.sessionId];
    if (!ids) return; // a session we do not hold: its next read has it
    const held = byId.value[m.id];
    // A public view never replaces the whole meeting we hold.
    if (held && isWholeMeeting(held) && !isWholeMeeting(m)) byId.value[m.id] = { ...held, status: m.status };
    else byId.value[m.id] = m;
    if (!ids.includes(m.id)) idsBySession.value[m.sessionId] = [...ids, m.id];
  }

  function putRequest(r: MeetingRequestDto): void {
    const ids = requestIdsBySession.value[r.sessionId];
    if (!ids) return;
    requestsById.value[r.id] = r;
    if (!ids.includes(r.id)) requestIdsBySession.value[r.sessionId] = [...ids, r.id];
  }

  function announce(sessionId: string, notice: Omit<LiveNotice, 'id'>): void {
    const list = [{ ...notice, id: ++noticeId }, ...(notices.value[sessionId] ?? [])].slice(0, NOTICES_KEPT);
    notices.value[sessionId] = list;
  }

  function dismissNotice(sessionId: string, id: number): void {
    notices.value[sessionId] = (notices.value[sessionId] ?? []).filter((n) => n.id !== id);
  }

  /** A `meeting:changed` fact, in seq order from the feed. */
  function applyMeetingChange(change: MeetingChanged, seq: number, actorId: string | null, at: string): void {
    const m = change.meeting;
    changedAt.set(m.id, seq);
    if (!idsBySession.value[m.sessionId]) return;
    putMeeting(m);
    // The viewer's own meeting changed by someone else: say so (organisers watch everything).
    if (isWholeMeeting(m) && actorId !== auth.user?.id && auth.role !== 'organiser')
      announce(m.sessionId, { kind: 'meeting', change: change.change, meetingId: m.id, at });
  }

  function applyRequestChange(change: RequestChanged, seq: number, actorId: string | null, at: string): void {
    const r = change.request;
    changedAt.set(r.id, seq);
    if (!requestIdsBySession.value[r.sessionId]) return;
    if ('producerId' in r) putRequest(r);
    else {
      const held = requestsById.value[r.id];
      if (held) requestsById.value[r.id] = { ...held, status: r.status };
    }
    if ('producerId' in r && actorId !== auth.user?.id && auth.role !== 'organiser')
      announce(r.sessionId, { kind: 'request', change: change.change, requestId: r.id, at });
  }

  /** The seq the feed has applied for the event: read it before a call, give it to applyMeeting after. */
  function seqOf(eventId: string): number | undefined {
    return feed.lastSeqOf(eventId);
  }

  /**
   * Takes in a meeting or request an API call answered with. The feed brings the same change to
   * every screen, this one included, so while the event is live an answer is kept only when no
   * fact has changed it since `since` (seqOf before the call); a fact may be newer than the answer.
   */
  function isFresh(eventId: string, id: string, since: number | undefined): boolean {
    const live = feed.stateOf(eventId).joined && feed.lastSeqOf(eventId) !== undefined;
    return !live || (since !== undefined && (changedAt.get(id) ?? -1) <= since);
  }

  function applyMeeting(eventId: string, m: MeetingDto, since?: number): void {
    if (isFresh(eventId, m.id, since)) putMeeting(m);
  }

  function applyRequest(eventId: string, r: MeetingRequestDto, since?: number): void {
    if (isFresh(eventId, r.id, since)) putRequest(r);
  }

  /** A cancelled meeting or withdrawn request the answer of which is empty (204). */
  function markCancelled(eventId: string, meetingId: string, since?: number): void {
    const held = byId.value[meetingId];
    if (held && isFresh(eventId, meetingId, since)) byId.value[meetingId] = { ...held, status: 'cancelled' };
  }

  function markWithdrawn(eventId: string, requestId: string, since?: number): void {
    const held = requestsById.value[requestId];
    if (held && isFresh(eventId, requestId, since)) requestsById.value[requestId] = { ...held, status: 'withdrawn' };
  }

  function isLive(sessionId: string): boolean {
    const eventId = eventOfSession.get(sessionId);
    return eventId !== undefined && feed.stateOf(eventId).joined;
  }

  function drop(sessionId: string): void {
    generations.set(sessionId, (generations.get(sessionId) ?? 0) + 1);
    for (const id of idsBySession.value[sessionId] ?? []) delete byId.value[id];
    for (const id of requestIdsBySession.value[sessionId] ?? []) delete requestsById.value[id];
    delete idsBySession.value[sessionId];
    delete requestIdsBySession.value[sessionId];
    delete notices.value[sessionId];
    const eventId = eventOfSession.get(sessionId);
    if (eventId) feed.removeLoader(eventId, feedKey(sessionId));
    eventOfSession.delete(sessionId);
  }

  function clear(): void {
    for (const sessionId of [...eventOfSession.keys(), ...Object.keys(idsBySession.value)]) drop(sessionId);
    byId.value = {};
    idsBySession.value = {};
    requestsById.value = {};
    requestIdsBySession.value = {};
    notices.value = {};
    changedAt.clear();
    clearLoadStates();
  }

  const stops = [
    feed.on('meeting:changed', (fact) => applyMeetingChange(fact.data, fact.seq, fact.actorId, fact.at)),
    feed.on('request:changed', (fact) => applyRequestChange(fact.data, fact.seq, fact.actorId, fact.at)),
    feed.onLeft(({ eventId }) => {
      for (const [sessionId, of] of eventOfSession) if (of === eventId) drop(sessionId);
    }),
  ];
  onScopeDispose(() => stops.forEach((stop) => stop()));
  // Another user signing in on this screen sees none of what the last one held.
  watch(
    () => auth.user?.id,
    (now, before) => {
      if (before !== undefined && now !== before) clear();
    },
  );

  return {
    byId,
    idsBySession,
    requestsById,
    requestIdsBySession,
    notices,
    loadStates,
    meetingsState,
    meetingsOf,
    wholeMeetingsOf,
    gridOf,
    meeting,
    requestsOf,
    noticesOf,
    dismissNotice,
    seqOf,
    applyMeeting,
    applyRequest,
    markCancelled,
    markWithdrawn,
    isLive,
    load,
    clear,
  };
});
