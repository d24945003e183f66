// What each role finds in the main navigation. Add a page here when it exists, for the roles
// that may open it (the router's `meta.roles` says the same thing to the guard).
import type { RouteLocationRaw } from 'vue-router';
import type { Role } from '../../../server/contracts/index.ts';

export interface NavItem {
  id: string;
  to: RouteLocationRaw;
  /** Message key of the label. */
  label: 'nav.events';
}

const events: NavItem = { id: 'events', to: { name: 'events' }, label: 'nav.events' };

export const navigationByRole: Record<Role, NavItem[]> = {
  organiser: [events],
  producer: [events],
  buyer: [events],
  official: [events],
};
