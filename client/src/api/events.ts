import type {
  BoothDto,
  EventDto,
  EventFact,
  EventFactData,
  EventFactType,
  EventPatch,
  SessionDto,
} from '../../../server/contracts/index.ts';
import type { EventInput } from '../../../server/contracts/index.ts';
import { http } from './http.ts';

type List<T> = { items: T[] };
const eventPath = (eventId: string) => `/events/${encodeURIComponent(eventId)}`;

/**
 * A fact as the activity log replays it, exactly as it was broadcast to this caller. `data` is
 * null for an entry with nothing to apply (logged before the event feed); its seq still counts.
 */
export type ReplayedFact = { [N in EventFactType]: EventFact<EventFactData[N] | null, N> }[EventFactType];

/** One page of an event's changes after a seq, in order; `lastSeq` is the event's last seq now. */
export interface ActivityPage {
  items: ReplayedFact[];
  lastSeq: number;
  hasMore: boolean;
}

export const eventsApi = {
  list: () => http.get<List<EventDto>>('/events'),
  get: (eventId: string) => http.get<EventDto>(eventPath(eventId)),
  /** Organisers: a new event, as a draft. */
  create: (input: EventInput) => http.post<EventDto>('/events', input),
  update: (eventId: string, patch: EventPatch) => http.patch<EventDto>(eventPath(eventId), patch),
  booths: (eventId: string) => http.get<List<BoothDto>>(`${eventPath(eventId)}/booths`),
  sessions: (eventId: string) => http.get<List<SessionDto>>(`${eventPath(eventId)}/sessions`),
  /** The changes after `after` (at most `limit`, the server's default 200, max 500). */
  activity: (eventId: string, after: number, limit?: number) =>
    http.get<ActivityPage>(`${eventPath(eventId)}/activity`, { after, limit }),
};
