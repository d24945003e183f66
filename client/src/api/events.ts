import type { BoothDto, EventDto, EventPatch, SessionDto } from '../../../server/contracts/index.ts';
import { http } from './http.ts';

type List<T> = { items: T[] };
const eventPath = (eventId: string) => `/events/${encodeURIComponent(eventId)}`;

export const eventsApi = {
  list: () => http.get<List<EventDto>>('/events'),
  get: (eventId: string) => http.get<EventDto>(eventPath(eventId)),
  update: (eventId: string, patch: EventPatch) => http.patch<EventDto>(eventPath(eventId), patch),
  booths: (eventId: string) => http.get<List<BoothDto>>(`${eventPath(eventId)}/booths`),
  sessions: (eventId: string) => http.get<List<SessionDto>>(`${eventPath(eventId)}/sessions`),
};
