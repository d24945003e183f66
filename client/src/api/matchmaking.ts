// The matchmaking calls of the API contract: a session and its buyers, suggestions, meetings
// (book, cancel, reschedule, check-in, attendance, outcomes), requests a buyer answers, and the
// caller's agenda with its calendar data; the automatic schedule (wish lists, proposals).
import type { SessionDto } from '../../../server/contracts/index.ts';
import type {
  MeetingDto,
  MeetingPublicDto,
  MeetingRequestDto,
  OutcomeBody,
  SessionBuyerAvailabilityDto,
  SessionBuyerBody,
  SessionInput,
  SessionPatch,
} from '../../../server/contracts/matchmaking.ts';
import type {
  PublishedMeetingDto,
  ScheduleProposalDto,
  SkippedMeetingDto,
  WishDto,
  WishesBody,
} from '../../../server/contracts/schedule.ts';
import type { SuggestedBuyerDto, SuggestedProducerDto } from '../../../server/contracts/suggestions.ts';
import type { CalendarFeedCreatedDto } from '../../../server/contracts/calendar.ts';
import type { Page } from './directory.ts';
import { http } from './http.ts';

type List<T> = { items: T[] };
const enc = encodeURIComponent;
const sessionPath = (sessionId: string) => `/sessions/${enc(sessionId)}`;
const meetingPath = (meetingId: string) => `/meetings/${enc(meetingId)}`;
const requestPath = (requestId: string) => `/requests/${enc(requestId)}`;

/** What a caller may see of a session's meetings: whole ones of its own, the taken tables of others. */
export type SessionMeeting = MeetingDto | MeetingPublicDto;

export function isWholeMeeting(meeting: SessionMeeting): meeting is MeetingDto {
  return 'producerId' in meeting;
}

const proposalPath = (proposalId: string) => `/schedule-proposals/${enc(proposalId)}`;

/** What publishing a proposal answers: the proposal as it now stands, what was booked and what a rule refused. */
export interface PublishAnswer {
  proposal: ScheduleProposalDto;
  booked: PublishedMeetingDto[];
  skipped: SkippedMeetingDto[];
}

export const matchmakingApi = {
  session: (sessionId: string) => http.get<SessionDto>(sessionPath(sessionId)),
  /** Organisers: a new session of an event (its window cut into slots around its breaks). */
  createSession: (eventId: string, input: Partial<SessionInput> & Pick<SessionInput, 'name' | 'startsAt' | 'endsAt'>) =>
    http.post<SessionDto>(`/events/${enc(eventId)}/sessions`, input),
  updateSession: (sessionId: string, patch: SessionPatch) => http.patch<SessionDto>(sessionPath(sessionId), patch),
  buyers: (sessionId: string) => http.get<List<SessionBuyerAvailabilityDto>>(`${sessionPath(sessionId)}/buyers`),
  setBuyer: (sessionId: string, buyerId: string, body: SessionBuyerBody) =>
    http.put<SessionBuyerAvailabilityDto>(`${sessionPath(sessionId)}/buyers/${enc(buyerId)}`, body),
  removeBuyer: (sessionId: string, buyerId: string) => http.delete(`${sessionPath(sessionId)}/buyers/${enc(buyerId)}`),

  suggestedBuyers: (sessionId: string, producerId?: string) =>
    http.get<List<SuggestedBuyerDto>>(`${sessionPath(sessionId)}/suggestions/buyers`, { producerId }),
  suggestedProducers: (sessionId: string, query: { buyerId?: string; page?: number; limit?: number } = {}) =>
    http.get<Page<SuggestedProducerDto>>(`${sessionPath(sessionId)}/suggestions/producers`, { ...query }),

  meetings: (sessionId: string) => http.get<List<SessionMeeting>>(`${sessionPath(sessionId)}/meetings`),
  book: (sessionId: string, body: { slotId: string; buyerId: string; producerId?: string }) =>
    http.post<MeetingDto>(`${sessionPath(sessionId)}/meetings`, body),
  cancel: (meetingId: string) => http.delete(meetingPath(meetingId)),
  reschedule: (meetingId: string, slotId: string) => http.post<MeetingDto>(`${meetingPath(meetingId)}/reschedule`, { slotId }),
  checkIn: (meetingId: string, party: 'producer' | 'buyer') =>
    http.post<MeetingDto>(`${meetingPath(meetingId)}/check-in`, { party }),
  attendance: (meetingId: string, status: 'held' | 'no_show') =>
    http.post<MeetingDto>(`${meetingPath(meetingId)}/attendance`, { status }),
  recordOutcome: (meetingId: string, body: OutcomeBody) => http.post<MeetingDto>(`${meetingPath(meetingId)}/outcome`, body),
  /** `seen`: the outcome as the screen shows it; the server refuses (409) if it changed since. */
  confirmOutcome: (meetingId: string, agree: boolean, seen?: { status: string; valueVnd: number | null }, note?: string) =>
    http.post<MeetingDto>(`${meetingPath(meetingId)}/outcome/confirmation`, {
      agree,
      ...(seen ?? {}),
      ...(note ? { note } : {}),
    }),

  requests: (sessionId: string) => http.get<List<MeetingRequestDto>>(`${sessionPath(sessionId)}/requests`),
  request: (sessionId: string, body: { slotId: string; buyerId: string; producerId?: string; message?: string }) =>
    http.post<MeetingRequestDto>(`${sessionPath(sessionId)}/requests`, body),
  accept: (requestId: string) =>
    http.post<{ request: MeetingRequestDto; meeting: MeetingDto }>(`${requestPath(requestId)}/accept`),
  decline: (requestId: string, reason?: string) =>
    http.post<MeetingRequestDto>(`${requestPath(requestId)}/decline`, reason ? { reason } : {}),
  withdraw: (requestId: string) => http.delete(requestPath(requestId)),

  /** A producer's or buyer's own wish list; every wish of the session for organisers. */
  wishes: (sessionId: string) => http.get<List<WishDto>>(`${sessionPath(sessionId)}/wishes`),
  /** Replaces a wish list, most wanted first; answers the list as it now stands. */
  setWishes: (sessionId: string, body: WishesBody) => http.put<List<WishDto>>(`${sessionPath(sessionId)}/wishes`, body),
  propose: (sessionId: string, timeLimitSeconds?: number) =>
    http.post<ScheduleProposalDto>(
      `${sessionPath(sessionId)}/schedule-proposals`,
      timeLimitSeconds === undefined ? {} : { timeLimitSeconds },
    ),
  proposal: (proposalId: string) => http.get<ScheduleProposalDto>(proposalPath(proposalId)),
  publish: (proposalId: string) => http.post<PublishAnswer>(`${proposalPath(proposalId)}/publish`),

  /** The caller's meetings in time order (producers and buyers). */
  agenda: (eventId: string | undefined, includeCancelled = false) =>
    http.get<List<MeetingDto>>('/me/agenda', { eventId, includeCancelled: includeCancelled ? 'true' : undefined }),
  /** A meeting as an .ics file (a plain link: the cookie goes along). */
  calendarUrl: (meetingId: string) => `/api${meetingPath(meetingId)}/calendar.ics`,
  createCalendarFeed: () => http.post<CalendarFeedCreatedDto>('/calendar-feeds'),
  revokeCalendarFeed: () => http.delete('/calendar-feeds'),
};
