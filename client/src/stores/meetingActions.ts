// What producers, buyers and organisers do with meetings and requests: book, request, cancel,
// reschedule, accept, decline, withdraw, check in, mark attendance, record and confirm outcomes.
// Each call goes to the API and hands its answer to the meetings store (kept unless a fact about
// that meeting came meanwhile); the event feed brings the same change, and those that follow
// (the other requests for a slot declined), to every screen, this one included. When the
// event's feed is not live, a call whose answer does not say everything reads the session
// again. Actions throw the ApiError so the screen can say what was refused.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { MeetingDto, MeetingRequestDto, OutcomeBody } from '../../../server/contracts/matchmaking.ts';
import { matchmakingApi } from '../api/matchmaking.ts';
import { useEventFeed } from '../realtime/useEventFeed.ts';
import { useMatchmakingStore } from './matchmaking.ts';
import { useMeetingsStore } from './meetings.ts';

export interface SessionRef {
  eventId: string;
  sessionId: string;
}

export const useMeetingActionsStore = defineStore('meetingActions', () => {
  /** Meetings, requests or buyer slots with a call in flight, so their buttons wait for the answer. */
  const pending = ref<Record<string, true>>({});
  const meetings = useMeetingsStore();
  const matchmaking = useMatchmakingStore();
  const feed = useEventFeed();

  function isPending(key: string): boolean {
    return pending.value[key] === true;
  }

  /** Without a live feed nothing else will say what followed: read the session again, quietly. */
  async function refresh(where: SessionRef): Promise<void> {
    if (!feed.stateOf(where.eventId).joined) await meetings.load(where.eventId, where.sessionId);
    matchmaking.refreshSoon(where.sessionId);
  }

  async function run<T>(where: SessionRef, key: string, work: (since: number | undefined) => Promise<T>): Promise<T> {
    const since = meetings.seqOf(where.eventId);
    pending.value[key] = true;
    try {
      const answer = await work(since);
      await refresh(where);
      return answer;
    } finally {
      delete pending.value[key];
    }
  }

  const keepMeeting = (where: SessionRef, since: number | undefined) => (m: MeetingDto) => {
    meetings.applyMeeting(where.eventId, m, since);
    return m;
  };
  const keepRequest = (where: SessionRef, since: number | undefined) => (r: MeetingRequestDto) => {
    meetings.applyRequest(where.eventId, r, since);
    return r;
  };

  /** Books a meeting; `producerId` for organisers (and buyers), a producer books for itself. */
  const book = (where: SessionRef, body: { slotId: string; buyerId: string; producerId?: string }) =>
    run(where, `book:${body.buyerId}:${body.slotId}`, (since) =>
      matchmakingApi.book(where.sessionId, body).then(keepMeeting(where, since)),
    );

  const request = (where: SessionRef, body: { slotId: string; buyerId: string; producerId?: string; message?: string }) =>
    run(where, `book:${body.buyerId}:${body.slotId}`, (since) =>
      matchmakingApi.request(where.sessionId, body).then(keepRequest(where, since)),
    );

  const cancel = (where: SessionRef, meetingId: string) =>
    run(where, meetingId, async (since) => {
      await matchmakingApi.cancel(meetingId);
      meetings.markCancelled(where.eventId, meetingId, since);
    });

  const reschedule = (where: SessionRef, meetingId: string, slotId: string) =>
    run(where, meetingId, (since) => matchmakingApi.reschedule(meetingId, slotId).then(keepMeeting(where, since)));

  const checkIn = (where: SessionRef, meetingId: string, party: 'producer' | 'buyer') =>
    run(where, meetingId, (since) => matchmakingApi.checkIn(meetingId, party).then(keepMeeting(where, since)));

  const attendance = (where: SessionRef, meetingId: string, status: 'held' | 'no_show') =>
    run(where, meetingId, (since) => matchmakingApi.attendance(meetingId, status).then(keepMeeting(where, since)));

  const recordOutcome = (where: SessionRef, meetingId: string, body: OutcomeBody) =>
    run(where, meetingId, (since) => matchmakingApi.recordOutcome(meetingId, body).then(keepMeeting(where, since)));

  /** Confirms the outcome as the screen shows it: one recorded again meanwhile is not confirmed blindly. */
  const confirmOutcome = (
    where: SessionRef,
    meetingId: string,
    agree: boolean,
    seen?: { status: string; valueVnd: number | null },
    note?: string,
  ) =>
    run(where, meetingId, (since) => matchmakingApi.confirmOutcome(meetingId, agree, seen, note).then(keepMeeting(where, since)));

  const accept = (where: SessionRef, requestId: string) =>
    run(where, requestId, async (since) => {
      const answer = await matchmakingApi.accept(requestId);
      keepRequest(where, since)(answer.request);
      keepMeeting(where, since)(answer.meeting);
      return answer;
    });

  const decline = (where: SessionRef, requestId: string, reason?: string) =>
    run(where, requestId, (since) => matchmakingApi.decline(requestId, reason).then(keepRequest(where, since)));

  const withdraw = (where: SessionRef, requestId: string) =>
    run(where, requestId, async (since) => {
      await matchmakingApi.withdraw(requestId);
      meetings.markWithdrawn(where.eventId, requestId, since);
    });

  return {
    pending,
    isPending,
    book,
    request,
    cancel,
    reschedule,
    checkIn,
    attendance,
    recordOutcome,
    confirmOutcome,
    accept,
    decline,
    withdraw,
  };
});
