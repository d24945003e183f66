// The live dashboard's calls: an event's or a province's counters, and the organisers' big-screen
// links. A big screen has no session: it sends its link's token as a bearer token instead.
import type { BigScreenLinkDto, DashboardDto, ProvinceDashboardDto } from '../../../server/contracts/dashboard.ts';
import { ApiError, http } from './http.ts';

type List<T> = { items: T[] };
const eventPath = (eventId: string) => `/events/${encodeURIComponent(eventId)}`;

export const dashboardApi = {
  event: (eventId: string) => http.get<DashboardDto>(`${eventPath(eventId)}/dashboard`),
  province: (provinceId: string) => http.get<ProvinceDashboardDto>(`/provinces/${encodeURIComponent(provinceId)}/dashboard`),
  screens: (eventId: string) => http.get<List<BigScreenLinkDto>>(`${eventPath(eventId)}/big-screens`),
  createScreen: (eventId: string, label: string) => http.post<BigScreenLinkDto>(`${eventPath(eventId)}/big-screens`, { label }),
  revokeScreen: (eventId: string, linkId: string) =>
    http.delete(`${eventPath(eventId)}/big-screens/${encodeURIComponent(linkId)}`),
};

/** A read with a big screen's token (never the session cookie): 401 once the link is revoked. */
async function screenGet<T>(token: string, path: string): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      headers: { Accept: 'application/json', Authorization: `Bearer ${token}` },
      credentials: 'omit',
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'The server cannot be reached');
  }
  const payload: unknown = await response.json().catch(() => undefined);
  if (response.ok) return payload as T;
  const error = (payload as { error?: { code?: string; message?: string } } | undefined)?.error;
  throw new ApiError(
    response.status,
    (error?.code ?? (response.status === 401 ? 'UNAUTHENTICATED' : 'UNKNOWN')) as ApiError['code'],
    error?.message ?? response.statusText,
  );
}

export const screenApi = {
  event: (token: string, eventId: string) => screenGet<DashboardDto>(token, `${eventPath(eventId)}/dashboard`),
};
