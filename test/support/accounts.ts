// The demo sign-ins the tests use (listed in the README too).
export const ORGANISER = 'bantochuc@demo.ocop.vn';
export const OFFICIAL = 'canbo@demo.ocop.vn';
export const PRODUCER = 'htx.caphe@demo.ocop.vn';
export const BUYER = 'bigc@demo.ocop.vn';
export const ALL_ROLES = [
  { role: 'organiser', email: ORGANISER },
  { role: 'official', email: OFFICIAL },
  { role: 'producer', email: PRODUCER },
  { role: 'buyer', email: BUYER },
] as const;
