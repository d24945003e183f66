// The one Socket.IO connection of the app. Only stores use it; components never do.
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../../server/contracts/index.ts';

export type OcopSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Same origin, authenticated by the session cookie; opened after sign-in only. */
export const socket: OcopSocket = io({ autoConnect: false, withCredentials: true });

export function connectSocket(): void {
  if (!socket.connected) socket.connect();
}

export function disconnectSocket(): void {
  socket.disconnect();
}
