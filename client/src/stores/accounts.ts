// Organisers' view of the accounts: users page by page, activation, and invitations.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import {
  accountsApi,
  type AccountDto,
  type AccountSearch,
  type InvitationCreated,
  type InvitationInfo,
  type InvitationInput,
  type InvitedRole,
} from '../api/accounts.ts';
import { directoryApi } from '../api/directory.ts';
import { useLoadStates } from './loadState.ts';

const LIST_KEY = 'list';
const MATCHES_KEY = 'organisations';
export const ACCOUNTS_PAGE_SIZE = 25;

export interface PickedOrganisation {
  id: string;
  name: string;
}

export interface OrganisationMatch extends PickedOrganisation {
  province: string;
}

export const useAccountsStore = defineStore('accounts', () => {
  const byId = ref<Record<string, AccountDto>>({});
  const resultIds = ref<string[]>([]);
  const result = ref({ total: 0, page: 1, pageSize: ACCOUNTS_PAGE_SIZE });
  /** Users whose activation is being changed right now. */
  const saving = ref<Record<string, true>>({});
  /** Invitations made in this visit, newest first: their links are shown only once. */
  const invitations = ref<InvitationCreated[]>([]);
  const organisationMatches = ref<OrganisationMatch[]>([]);
  /** Public: what an invitation link says, by its token (for the person who opened it). */
  const invitationsByToken = ref<Record<string, InvitationInfo>>({});
  const { loadStates, loadStateOf, track, clearLoadStates } = useLoadStates();
  let latestSearch = 0;
  let latestLookup = 0;
  let lookupRole: InvitedRole | null = null;

  const listState = computed(() => loadStateOf(LIST_KEY));
  const matchesState = computed(() => loadStateOf(MATCHES_KEY));
  const results = computed(() => resultIds.value.flatMap((id) => byId.value[id] ?? []));

  function search(query: AccountSearch): Promise<void> {
    const ticket = ++latestSearch;
    return track(LIST_KEY, async () => {
      const answer = await accountsApi.users({ pageSize: ACCOUNTS_PAGE_SIZE, ...query });
      if (ticket !== latestSearch) return;
      for (const user of answer.items) byId.value[user.id] = user;
      resultIds.value = answer.items.map((u) => u.id);
      result.value = { total: answer.total, page: answer.page, pageSize: answer.pageSize };
    });
  }

  /** Throws the ApiError so the page can say why it was refused. */
  async function setActive(userId: string, active: boolean): Promise<void> {
    saving.value[userId] = true;
    try {
      const answer = await accountsApi.setActive(userId, active);
      const known = byId.value[userId];
      if (answer && typeof answer === 'object' && 'id' in answer) byId.value[userId] = { ...known, ...answer };
      else if (known) byId.value[userId] = { ...known, active };
    } finally {
      delete saving.value[userId];
    }
  }

  async function invite(input: InvitationInput): Promise<InvitationCreated> {
    const created = await accountsApi.invite(input);
    invitations.value = [created, ...invitations.value];
    return created;
  }

  function invitationState(token: string) {
    return loadStateOf(`invitation:${token}`);
  }

  function loadInvitation(token: string): Promise<void> {
    return track(`invitation:${token}`, async () => {
      invitationsByToken.value[token] = await accountsApi.invitation(token);
    });
  }

  /** Producers or buyers whose name matches, to pick the organisation a new user belongs to. */
  function findOrganisations(role: InvitedRole, q: string): Promise<void> {
    const ticket = ++latestLookup;
    // Producers found a moment ago are no answer when a buyer is asked for.
    if (role !== lookupRole) organisationMatches.value = [];
    lookupRole = role;
    return track(MATCHES_KEY, async () => {
      const search = { q: q.trim() || undefined, pageSize: 8 };
      const answer = role === 'producer' ? await directoryApi.producers(search) : await directoryApi.buyers(search);
      if (ticket !== latestLookup) return;
      organisationMatches.value = answer.items.map(({ id, name, province }) => ({ id, name, province }));
    });
  }

  function clear(): void {
    byId.value = {};
    resultIds.value = [];
    result.value = { total: 0, page: 1, pageSize: ACCOUNTS_PAGE_SIZE };
    saving.value = {};
    invitations.value = [];
    organisationMatches.value = [];
    invitationsByToken.value = {};
    latestSearch += 1;
    latestLookup += 1;
    lookupRole = null;
    clearLoadStates();
  }

  return {
    byId,
    resultIds,
    result,
    saving,
    invitations,
    organisationMatches,
    invitationsByToken,
    loadStates,
    listState,
    matchesState,
    results,
    search,
    setActive,
    invite,
    findOrganisations,
    invitationState,
    loadInvitation,
    clear,
  };
});
