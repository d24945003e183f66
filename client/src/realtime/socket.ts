// The one Socket.IO connection of the app. Only the event feed (feed.ts) listens to it; stores
// and components never do.
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../../server/contracts/index.ts';
import type { FeedSocket } from './feed.ts';

export type OcopSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Same origin, authenticated by the session cookie; opened after sign-in only. */
export const socket: OcopSocket = io({ autoConnect: false, withCredentials: true });

type Listener = (...args: unknown[]) => void;
const untyped = socket as unknown as Socket;

/** The same socket as the feed sees it: event names as strings, every fact under its type. */
export const feedSocket: FeedSocket = {
  get connected() {
    return socket.connected;
  },
  get active() {
    return socket.active;
  },
  on: (event, listener) => untyped.on(event, listener as Listener),
  off: (event, listener) => untyped.off(event, listener as Listener),
  emit: (event: string, payload: { eventId: string }, ack: (answer: never) => void) => untyped.emit(event, payload, ack),
};

export function connectSocket(): void {
  if (!socket.connected) socket.connect();
}

export function disconnectSocket(): void {
  socket.disconnect();
}
