// Users and the one-time invitations that create them. The server's contracts do not name these
// shapes yet, so they are written down here from the API description.
import type { Role, UserDto } from '../../../server/contracts/index.ts';
import { http } from './http.ts';
import type { Page } from './directory.ts';

export type InvitedRole = Extract<Role, 'producer' | 'buyer'>;

export interface AccountDto {
  id: string;
  email: string;
  name: string;
  role: Role;
  organisationId?: string | null;
  organisationName?: string | null;
  active: boolean;
}

export interface AccountSearch {
  role?: Role;
  q?: string;
  page?: number;
  pageSize?: number;
}

export interface InvitationInput {
  email: string;
  name: string;
  role: InvitedRole;
  organisationId: string;
}

export interface InvitationCreated {
  id: string;
  email: string;
  expiresAt: string;
  /** A path such as /invite/<token>; there is no email, the organiser passes it on. */
  url: string;
}

export interface InvitationInfo {
  email: string;
  name: string;
  role: InvitedRole;
  organisationName: string;
  expiresAt: string;
}

const userPath = (userId: string) => `/users/${encodeURIComponent(userId)}`;
const invitationPath = (token: string) => `/invitations/${encodeURIComponent(token)}`;

export const accountsApi = {
  users: (search: AccountSearch) => http.get<Page<AccountDto>>('/users', { ...search }),
  setActive: (userId: string, active: boolean) => http.patch<AccountDto | undefined>(userPath(userId), { active }),
  invite: (input: InvitationInput) => http.post<InvitationCreated>('/invitations', input),
  invitation: (token: string) => http.get<InvitationInfo>(invitationPath(token)),
  accept: (token: string, password: string) => http.post<{ user: UserDto }>(`${invitationPath(token)}/accept`, { password }),
};
