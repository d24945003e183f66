import type { MessageSchema } from './vi.ts';
import directoryEn from './en-directory.ts';
import adminEn from './en-admin.ts';
import errorsEn from './en-errors.ts';
import eventsEn from './en-events.ts';
import boothsEn from './en-booths.ts';
import matchmakingEn from './en-matchmaking.ts';
import scheduleEn from './en-schedule.ts';
import dashboardEn from './en-dashboard.ts';
import conferenceEn from './en-conference.ts';

const en: MessageSchema = {
  app: {
    name: 'OCOP Connect',
    tagline: 'Trade fairs and market connections for OCOP products',
    skipToContent: 'Skip to main content',
    mainNav: 'Main navigation',
    signOut: 'Sign out',
    language: 'Language',
    notFound: 'This page does not exist.',
    backToEvents: 'Back to events',
  },
  nav: {
    events: 'Events',
    producers: 'Producers',
    buyers: 'Buyers',
    products: 'Products',
    accounts: 'Accounts',
    import: 'Import',
    myProfile: 'My profile',
  },
  roles: {
    organiser: 'Organiser',
    producer: 'OCOP producer',
    buyer: 'Buyer',
    official: 'Official',
  },
  state: {
    loading: 'Loading…',
    retry: 'Try again',
    offline: 'The server cannot be reached. Check your connection and try again.',
    failed: 'Something went wrong. Please try again.',
    forbidden: 'You are not allowed to do this.',
    notFound: 'Nothing was found.',
    conflict: 'This clashes with existing data or was just changed by someone else. Please reload and check.',
    stillSaving: 'Your change is still being saved. Reload in a moment to check it.',
    answerLost: 'Your change was saved, but the answer did not reach this screen. Reload to see it.',
    rateLimited: 'Too many attempts. Please wait a few minutes and try again.',
    tooLarge: 'What you sent is too large.',
    busy: 'The server is busy with another change. Please try again in a moment.',
  },
  login: {
    title: 'Sign in',
    intro: 'Sign in to manage fairs, booths and business-matching sessions.',
    email: 'Email',
    password: 'Password',
    submit: 'Sign in',
    submitting: 'Signing in…',
    badCredentials: 'The email or password is incorrect.',
    rateLimited: 'Too many failed sign-ins. Please wait a few minutes and try again.',
    invalid: 'Please check the highlighted fields.',
    emailRequired: 'Please enter your email.',
    emailInvalid: 'This email is not valid.',
    passwordRequired: 'Please enter your password.',
    passwordInvalid: 'This password is not valid.',
  },
  events: {
    confirmStatus: {
      draft: 'Move "{name}" back to draft? Producers, buyers and officials will no longer see it.',
      closed: 'Close "{name}"? The event will take no more bookings.',
    },
    title: 'Events',
    intro: 'Trade fairs and business-connection conferences for OCOP products.',
    empty: 'There are no events yet.',
    venue: 'Venue',
    hostProvince: 'Host province',
    partnerProvinces: 'Partner provinces',
    dates: 'Dates',
    status: 'Status',
    changeStatus: 'Change status',
    statusSaved: 'Status updated.',
    live: 'Live updates',
    connecting: 'Connecting…',
    withdrawn: 'The organisers have withdrawn this event: it is no longer available, and what was shown here may be out of date.',
    checkAgain: 'Check again',
    timeZoneNote: 'Vietnam time (GMT+7)',
  },
  eventKinds: {
    fair: 'Trade fair',
    conference: 'Conference',
  },
  eventStatuses: {
    draft: 'Draft',
    published: 'Published',
    live: 'Live',
    closed: 'Closed',
  },
  tabs: {
    booths: 'Booths',
    applications: 'Applications',
    sessions: 'Matchmaking sessions',
    programme: 'Programme',
    delegations: 'Delegations',
    agreements: 'Signing',
  },
  sessions: {
    title: 'Matchmaking sessions',
    empty: 'This event has no matchmaking sessions yet.',
    window: 'Time',
    tables: 'Tables',
    slotLength: 'Slot length',
    minutes: '{count} min',
    maxMeetings: 'Max per producer',
    meetingsCount: '{count} meetings',
    slots: 'Slots ({count})',
    noSlots: 'No slots yet.',
  },
  ...directoryEn,
  ...adminEn,
  ...errorsEn,
  ...eventsEn,
  ...boothsEn,
  ...matchmakingEn,
  ...scheduleEn,
  ...dashboardEn,
  ...conferenceEn,
};

export default en;
