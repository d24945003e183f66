// The conference calls: the programme, the provinces' delegations and the agreements for the
// signing ceremony, with their exports.
import type {
  AgendaItemDto,
  AgendaItemInput,
  AgendaItemPatch,
  AgreementConfirm,
  AgreementDto,
  AgreementInput,
  AgreementPatch,
  AgreementPublicDto,
  DelegationBody,
  DelegationDto,
} from '../../../server/contracts/conferences.ts';
import { http } from './http.ts';

type List<T> = { items: T[] };
const enc = encodeURIComponent;
const eventPath = (eventId: string) => `/events/${enc(eventId)}`;
const agreementPath = (agreementId: string) => `/agreements/${enc(agreementId)}`;

/** What a caller sees of an agreement: whole for staff and the two parties, without value and products for others. */
export type SeenAgreement = AgreementDto | AgreementPublicDto;

export const isWholeAgreement = (a: SeenAgreement): a is AgreementDto => 'valueVnd' in a;

/** Zod's input types: the defaults the server fills in may be left out. */
type In<T, Optional extends keyof T> = Omit<T, Optional> & Partial<Pick<T, Optional>>;

export const conferencesApi = {
  agenda: (eventId: string) => http.get<List<AgendaItemDto>>(`${eventPath(eventId)}/agenda`),
  addAgendaItem: (eventId: string, input: In<AgendaItemInput, 'place' | 'speakers' | 'provinceId'>) =>
    http.post<AgendaItemDto>(`${eventPath(eventId)}/agenda`, input),
  changeAgendaItem: (itemId: string, patch: AgendaItemPatch) => http.patch<AgendaItemDto>(`/agenda-items/${enc(itemId)}`, patch),
  removeAgendaItem: (itemId: string) => http.delete(`/agenda-items/${enc(itemId)}`),
  delegations: (eventId: string) => http.get<List<DelegationDto>>(`${eventPath(eventId)}/delegations`),
  putDelegation: (
    eventId: string,
    provinceId: string,
    body: In<DelegationBody, 'leaderTitle' | 'members' | 'producerIds' | 'buyerIds' | 'note'>,
  ) => http.put<DelegationDto>(`${eventPath(eventId)}/delegations/${enc(provinceId)}`, body),
  agreements: (eventId: string) => http.get<List<SeenAgreement>>(`${eventPath(eventId)}/agreements`),
  createAgreement: (eventId: string, input: In<AgreementInput, 'productIds'>) =>
    http.post<AgreementDto>(`${eventPath(eventId)}/agreements`, input),
  changeAgreement: (agreementId: string, patch: AgreementPatch) => http.patch<AgreementDto>(agreementPath(agreementId), patch),
  confirmAgreement: (agreementId: string, body: AgreementConfirm) =>
    http.post<AgreementDto>(`${agreementPath(agreementId)}/confirm`, body),
  withdrawAgreement: (agreementId: string) => http.post<AgreementDto>(`${agreementPath(agreementId)}/withdraw`, {}),
  /** The spreadsheet links (organisers and officials). */
  exportUrl: (eventId: string, what: 'agreements' | 'delegations', format: 'xlsx' | 'csv') =>
    `/api${eventPath(eventId)}/exports/${what}?format=${format}`,
};
