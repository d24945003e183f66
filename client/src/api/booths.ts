// The booth calls of the API contract (assignment, holds, moves, check-in, waitlist offers) and
// the applications of a fair. Floor-plan reads stay in events.ts (eventsApi.booths).
import type {
  ApplicationCreate,
  ApplicationDecision,
  ApplicationDto,
  ApplicationStatus,
  BoothDto,
} from '../../../server/contracts/index.ts';
import { http } from './http.ts';

type List<T> = { items: T[] };
const boothPath = (eventId: string, boothId: string) =>
  `/events/${encodeURIComponent(eventId)}/booths/${encodeURIComponent(boothId)}`;
const applicationPath = (applicationId: string) => `/applications/${encodeURIComponent(applicationId)}`;

export const boothsApi = {
  assign: (eventId: string, boothId: string, producerId: string) =>
    http.put<BoothDto>(`${boothPath(eventId, boothId)}/assignment`, { producerId }),
  release: (eventId: string, boothId: string) => http.delete(`${boothPath(eventId, boothId)}/assignment`),
  hold: (eventId: string, boothId: string, producerId: string, minutes?: number) =>
    http.put<BoothDto>(`${boothPath(eventId, boothId)}/hold`, minutes === undefined ? { producerId } : { producerId, minutes }),
  releaseHold: (eventId: string, boothId: string) => http.delete(`${boothPath(eventId, boothId)}/hold`),
  move: (eventId: string, boothId: string, toBoothId: string) =>
    http.post<BoothDto>(`${boothPath(eventId, boothId)}/move`, { toBoothId }),
  checkIn: (eventId: string, boothId: string) => http.post<BoothDto>(`${boothPath(eventId, boothId)}/check-in`),
  acceptOffer: (eventId: string, boothId: string) => http.post<BoothDto>(`${boothPath(eventId, boothId)}/offer/accept`),
  declineOffer: (eventId: string, boothId: string) => http.post(`${boothPath(eventId, boothId)}/offer/decline`),
};

export const applicationsApi = {
  list: (eventId: string, status?: ApplicationStatus) =>
    http.get<List<ApplicationDto>>(`/events/${encodeURIComponent(eventId)}/applications`, { status }),
  create: (eventId: string, input: Partial<ApplicationCreate>) =>
    http.post<ApplicationDto>(`/events/${encodeURIComponent(eventId)}/applications`, input),
  decide: (applicationId: string, decision: ApplicationDecision) =>
    http.post<ApplicationDto>(`${applicationPath(applicationId)}/decision`, decision),
  withdraw: (applicationId: string) => http.post<ApplicationDto>(`${applicationPath(applicationId)}/withdraw`),
};
