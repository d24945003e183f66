export * from './common.ts';
export * from './auth.ts';
export * from './directory.ts';
export * from './events.ts';
export * from './realtime.ts';
