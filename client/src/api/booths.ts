// The booth calls of the API contract (assignment, holds, moves, check-in, waitlist offers) and
// the applications of a fair. Floor-plan reads stay in events.ts (eventsApi.booths).
import type {
  ApplicationCreate,
  ApplicationDecision,
  ApplicationDto,
  ApplicationStatus,
  BoothConflict,
  BoothDto,
} from '../../../server/contracts/index.ts';
import { http } from './http.ts';

type List<T> = { items: T[] };

/** Why the allocation put a producer on a booth: a stable code and its values. */
export interface AllocationReason {
  code: string;
  params?: Record<string, string | number>;
}

/** GET /events/:eventId/allocation (server/modules/booths/allocation.routes.ts). */
export interface AllocationProposal {
  placements: {
    boothId: string;
    boothCode: string;
    applicationId: string;
    producerId: string;
    producerName: string;
    reasons: AllocationReason[];
  }[];
  unplaced: { applicationId: string; producerId: string; producerName: string; reason: string }[];
  /** Preference score of the proposal, and of a greedy first-come allocation (higher is better). */
  score: number;
  greedyScore: number;
  solvedMs: number;
}

export interface AllocationAccepted {
  assigned: { boothId: string; applicationId: string; producerId: string }[];
  skipped: { boothId: string; applicationId: string; conflict: BoothConflict | 'not_found' }[];
}
const boothPath = (eventId: string, boothId: string) =>
  `/events/${encodeURIComponent(eventId)}/booths/${encodeURIComponent(boothId)}`;
const applicationPath = (applicationId: string) => `/applications/${encodeURIComponent(applicationId)}`;

export type BoothExportFormat = 'xlsx' | 'csv';

export const boothsApi = {
  /** Every booth with its status and exhibitor, as a spreadsheet (a plain link: the cookie goes along). */
  exportUrl: (eventId: string, format: BoothExportFormat) =>
    `/api/events/${encodeURIComponent(eventId)}/booths/export?format=${format}`,
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
  proposeAllocation: (eventId: string) => http.get<AllocationProposal>(`/events/${encodeURIComponent(eventId)}/allocation`),
  acceptAllocation: (eventId: string, placements: { boothId: string; applicationId: string }[]) =>
    http.post<AllocationAccepted>(`/events/${encodeURIComponent(eventId)}/allocation/accept`, { placements }),
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
