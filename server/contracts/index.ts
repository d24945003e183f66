export * from './common.ts';
export * from './auth.ts';
export * from './directory.ts';
export * from './events.ts';
export * from './realtime.ts';
export * from './accounts.ts';
export * from './imports.ts';
export * from './time.ts';
