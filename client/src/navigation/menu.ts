// What each role finds in the main navigation. Add a page here when it exists, for the roles
// that may open it (the router's `meta.roles` says the same thing to the guard).
import type { RouteLocationRaw } from 'vue-router';
import type { Role, UserDto } from '../../../server/contracts/index.ts';

export interface NavItem {
  id: string;
  to: RouteLocationRaw;
  /** Message key of the label. */
  label:
    | 'nav.events'
    | 'nav.producers'
    | 'nav.products'
    | 'nav.buyers'
    | 'nav.accounts'
    | 'nav.import'
    | 'nav.myProfile'
    | 'agenda.open';
}

const events: NavItem = { id: 'events', to: { name: 'events' }, label: 'nav.events' };
const producers: NavItem = { id: 'producers', to: { name: 'producers' }, label: 'nav.producers' };
const buyers: NavItem = { id: 'buyers', to: { name: 'buyers' }, label: 'nav.buyers' };
const products: NavItem = { id: 'products', to: { name: 'products' }, label: 'nav.products' };
const accounts: NavItem = { id: 'accounts', to: { name: 'accounts' }, label: 'nav.accounts' };
const imports: NavItem = { id: 'import', to: { name: 'import' }, label: 'nav.import' };
/** A producer's or buyer's meetings at every event. */
const myAgenda: NavItem = { id: 'my-agenda', to: { name: 'my-agenda' }, label: 'agenda.open' };
/** Goes through /me, which finds the user's own producer or buyer page. */
const myProfile: NavItem = { id: 'my-profile', to: { name: 'my-profile' }, label: 'nav.myProfile' };

export const navigationByRole: Record<Role, NavItem[]> = {
  organiser: [events, producers, products, buyers, accounts, imports],
  official: [events, producers, products, buyers],
  producer: [events, myAgenda, myProfile, buyers],
  buyer: [events, myAgenda, producers, products, myProfile],
};

/** The user's own profile page, when the user belongs to a producer or a buyer. */
export function ownProfileRoute(user: Pick<UserDto, 'role' | 'organisationId'>): RouteLocationRaw | null {
  if (!user.organisationId) return null;
  if (user.role === 'producer') return { name: 'producer', params: { producerId: user.organisationId } };
  if (user.role === 'buyer') return { name: 'buyer', params: { buyerId: user.organisationId } };
  return null;
}

/** The navigation of one user: "My profile" links straight to the page, so it shows as current there. */
export function navigationFor(user: Pick<UserDto, 'role' | 'organisationId'>): NavItem[] {
  const own = ownProfileRoute(user);
  return navigationByRole[user.role].map((item) => (item.id === myProfile.id && own ? { ...item, to: own } : item));
}
