import type { LoginBody, UserDto } from '../../../server/contracts/index.ts';
import { http } from './http.ts';

export const authApi = {
  login: (body: LoginBody) => http.post<{ user: UserDto }>('/auth/login', body),
  logout: () => http.post<void>('/auth/logout'),
  me: () => http.get<{ user: UserDto }>('/auth/me'),
};
