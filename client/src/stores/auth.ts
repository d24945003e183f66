// Who is signed in. Signing in opens the live connection; signing out closes it and forgets
// everything the other stores hold.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { Role, UserDto } from '../../../server/contracts/index.ts';
import { ApiError } from '../api/http.ts';
import { authApi } from '../api/auth.ts';
import { accountsApi } from '../api/accounts.ts';
import { connectSocket, disconnectSocket } from '../realtime/socket.ts';
import { useEventsStore } from './events.ts';
import { useBoothsStore } from './booths.ts';
import { useSessionsStore } from './sessions.ts';
import { useProducersStore } from './producers.ts';
import { useBuyersStore } from './buyers.ts';
import { useProductsStore } from './products.ts';
import { useAccountsStore } from './accounts.ts';
import { useImportsStore } from './imports.ts';
import { useProvincesStore } from './provinces.ts';
import { useConferenceStore } from './conference.ts';

export const useAuthStore = defineStore('auth', () => {
  const user = ref<UserDto | null>(null);
  /** True once the server has told us whether a session exists. */
  const checked = ref(false);
  let pendingCheck: Promise<void> | null = null;

  const isSignedIn = computed(() => user.value !== null);
  const role = computed<Role | null>(() => user.value?.role ?? null);

  function signedIn(next: UserDto): void {
    user.value = next;
    checked.value = true;
    connectSocket();
  }

  function signedOut(): void {
    user.value = null;
    checked.value = true;
    disconnectSocket();
    useEventsStore().clear();
    useBoothsStore().clear();
    useSessionsStore().clear();
    useProducersStore().clear();
    useBuyersStore().clear();
    useProductsStore().clear();
    useAccountsStore().clear();
    useImportsStore().clear();
    useProvincesStore().clear();
    useConferenceStore().clear();
  }

  async function login(email: string, password: string): Promise<UserDto> {
    const answer = await authApi.login({ email, password });
    signedIn(answer.user);
    return answer.user;
  }

  /** Sets the password of an invited user; the server signs the new user in at once. */
  async function acceptInvitation(token: string, password: string): Promise<UserDto> {
    const answer = await accountsApi.accept(token, password);
    if (user.value) signedOut();
    signedIn(answer.user);
    return answer.user;
  }

  async function logout(): Promise<void> {
    try {
      await authApi.logout();
    } catch (cause) {
      // An expired session is already signed out; anything else still ends the session here.
      if (!(cause instanceof ApiError)) throw cause;
    } finally {
      signedOut();
    }
  }

  async function fetchMe(): Promise<void> {
    try {
      const answer = await authApi.me();
      signedIn(answer.user);
    } catch {
      // 401 means no session; a network failure leaves us signed out until the user signs in.
      signedOut();
    }
  }

  /** Asks the server once per page load; later calls reuse the answer. */
  function ensureChecked(): Promise<void> {
    if (checked.value) return Promise.resolve();
    pendingCheck ??= fetchMe().finally(() => {
      pendingCheck = null;
    });
    return pendingCheck;
  }

  /** The server said the session is gone (401 on a signed-in call). */
  function sessionEnded(): void {
    if (user.value) signedOut();
  }

  return { user, checked, isSignedIn, role, login, acceptInvitation, logout, fetchMe, ensureChecked, sessionEnded };
});
