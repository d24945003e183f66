import { createRouter, createWebHistory, type LocationQueryValue, type RouteRecordRaw } from 'vue-router';
import type { Role } from '../../../server/contracts/index.ts';
import { useAuthStore } from '../stores/auth.ts';
import { i18n } from '../i18n/index.ts';
import { ownProfileRoute } from '../navigation/menu.ts';

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without signing in. */
    public?: boolean;
    /** Only these roles may open it (all signed-in users when absent). */
    roles?: Role[];
    /** Message key of the page title. */
    title?:
      | 'login.title'
      | 'events.title'
      | 'app.notFound'
      | 'producers.title'
      | 'products.title'
      | 'buyers.title'
      | 'accounts.title'
      | 'imports.title'
      | 'invite.title'
      | 'nav.myProfile'
      | 'eventForm.newTitle'
      | 'eventForm.editTitle'
      | 'sessions.title'
      | 'sessionForm.newTitle'
      | 'sessionForm.editTitle'
      | 'schedule.title'
      | 'agenda.title'
      | 'dashboard.title'
      | 'dashboard.provinceTitle';
  }
}

const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('../pages/LoginPage.vue'),
    meta: { public: true, title: 'login.title' },
  },
  { path: '/', redirect: { name: 'events' } },
  { path: '/events', name: 'events', component: () => import('../pages/EventListPage.vue'), meta: { title: 'events.title' } },
  {
    path: '/events/new',
    name: 'event-new',
    component: () => import('../pages/EventEditPage.vue'),
    meta: { title: 'eventForm.newTitle', roles: ['organiser'] },
  },
  {
    path: '/events/:eventId/edit',
    name: 'event-edit',
    component: () => import('../pages/EventEditPage.vue'),
    props: true,
    meta: { title: 'eventForm.editTitle', roles: ['organiser'] },
  },
  {
    path: '/events/:eventId',
    name: 'event',
    component: () => import('../pages/EventPage.vue'),
    props: true,
    meta: { title: 'events.title' },
  },
  {
    path: '/events/:eventId/agenda',
    name: 'agenda',
    component: () => import('../pages/AgendaPage.vue'),
    props: true,
    meta: { title: 'agenda.title', roles: ['producer', 'buyer'] },
  },
  {
    // A producer's or buyer's meetings at every event it may see (the menu's "My agenda").
    path: '/agenda',
    name: 'my-agenda',
    component: () => import('../pages/AgendaPage.vue'),
    meta: { title: 'agenda.title', roles: ['producer', 'buyer'] },
  },
  {
    path: '/events/:eventId/sessions/new',
    name: 'session-new',
    component: () => import('../pages/SessionSettingsPage.vue'),
    props: true,
    meta: { title: 'sessionForm.newTitle', roles: ['organiser'] },
  },
  {
    path: '/sessions/:sessionId/settings',
    name: 'session-settings',
    component: () => import('../pages/SessionSettingsPage.vue'),
    props: true,
    meta: { title: 'sessionForm.editTitle', roles: ['organiser'] },
  },
  {
    path: '/sessions/:sessionId/schedule',
    name: 'session-schedule',
    component: () => import('../pages/SchedulePage.vue'),
    props: true,
    meta: { title: 'schedule.title', roles: ['organiser'] },
  },
  {
    path: '/sessions/:sessionId',
    name: 'matchmaking',
    component: () => import('../pages/MatchmakingPage.vue'),
    props: true,
    meta: { title: 'sessions.title' },
  },
  {
    path: '/events/:eventId/dashboard',
    name: 'dashboard',
    component: () => import('../pages/DashboardPage.vue'),
    props: true,
    meta: { title: 'dashboard.title', roles: ['organiser', 'official'] },
  },
  {
    path: '/provinces/:provinceId/dashboard',
    name: 'province-dashboard',
    component: () => import('../pages/ProvinceDashboardPage.vue'),
    props: true,
    meta: { title: 'dashboard.provinceTitle', roles: ['organiser', 'official'] },
  },
  {
    // A big screen at the venue: no sign-in, its link's token is its access.
    path: '/screen/:token',
    name: 'big-screen',
    component: () => import('../pages/BigScreenPage.vue'),
    props: true,
    meta: { public: true, title: 'dashboard.title' },
  },
  {
    path: '/producers',
    name: 'producers',
    component: () => import('../pages/ProducerListPage.vue'),
    meta: { title: 'producers.title', roles: ['organiser', 'official', 'buyer'] },
  },
  {
    path: '/producers/:producerId',
    name: 'producer',
    component: () => import('../pages/ProducerPage.vue'),
    props: true,
    meta: { title: 'producers.title' },
  },
  {
    path: '/products',
    name: 'products',
    component: () => import('../pages/ProductListPage.vue'),
    meta: { title: 'products.title', roles: ['organiser', 'official', 'buyer'] },
  },
  {
    path: '/buyers',
    name: 'buyers',
    component: () => import('../pages/BuyerListPage.vue'),
    meta: { title: 'buyers.title', roles: ['organiser', 'official', 'producer'] },
  },
  {
    path: '/buyers/:buyerId',
    name: 'buyer',
    component: () => import('../pages/BuyerPage.vue'),
    props: true,
    meta: { title: 'buyers.title' },
  },
  {
    // "My profile": the signed-in producer's or buyer's own page (the guard above has run by now).
    path: '/me',
    name: 'my-profile',
    component: () => import('../pages/NotFoundPage.vue'),
    meta: { title: 'nav.myProfile', roles: ['producer', 'buyer'] },
    beforeEnter: () => {
      const auth = useAuthStore();
      return (auth.user && ownProfileRoute(auth.user)) ?? { name: 'events' };
    },
  },
  {
    path: '/accounts',
    name: 'accounts',
    component: () => import('../pages/AccountsPage.vue'),
    meta: { title: 'accounts.title', roles: ['organiser'] },
  },
  {
    path: '/import',
    name: 'import',
    component: () => import('../pages/ImportPage.vue'),
    meta: { title: 'imports.title', roles: ['organiser'] },
  },
  {
    path: '/invite/:token',
    name: 'invite',
    component: () => import('../pages/InvitePage.vue'),
    props: true,
    meta: { public: true, title: 'invite.title' },
  },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('../pages/NotFoundPage.vue'),
    meta: { title: 'app.notFound' },
  },
];

/** Only paths inside this app, never another origin (`//evil.example`). */
export function safeRedirect(value: LocationQueryValue | LocationQueryValue[] | undefined): string {
  const path = Array.isArray(value) ? value[0] : value;
  return typeof path === 'string' && path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/\\') ? path : '/events';
}

export const router = createRouter({
  history: createWebHistory(),
  routes,
  scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
});

router.beforeEach(async (to) => {
  const auth = useAuthStore();
  await auth.ensureChecked();
  if (to.meta.public) {
    return auth.isSignedIn && to.name === 'login' ? safeRedirect(to.query.redirect) : true;
  }
  if (!auth.isSignedIn) return { name: 'login', query: { redirect: to.fullPath } };
  if (to.meta.roles && auth.role && !to.meta.roles.includes(auth.role)) return { name: 'events' };
  return true;
});

router.afterEach((to) => {
  const name = i18n.global.t('app.name');
  document.title = to.meta.title ? `${i18n.global.t(to.meta.title)} · ${name}` : name;
});
