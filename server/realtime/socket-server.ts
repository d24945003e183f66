// Socket.IO on the app's HTTP server: the same session cookie as the API, an Origin check
// (Socket.IO's cors option does not stop WebSocket upgrades from other sites), rooms per
// event and per user, and the one broadcaster that sends published facts to rooms.
import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import { z } from 'zod';
import type { Ack, ClientToServerEvents, ServerToClientEvents } from '../contracts/realtime.ts';
import { idSchema } from '../contracts/common.ts';
import { DomainError, errorBody, notFound } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { readCookies } from '../http/session.ts';
import { parseOrThrow } from '../http/route.ts';
import { originAllowed } from '../http/origin.ts';
import { SESSION_COOKIE } from '../modules/auth/auth.routes.ts';
import { hashToken, type AuthUser } from '../modules/auth/auth.service.ts';
import type { Services } from '../app.ts';

interface SocketData {
  user: AuthUser;
  sessionId: string;
}

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** Everyone watching an event; organisers watch from the staff room, which also sees drafts. */
export const eventRoom = (eventId: string) => `event:${eventId}`;
export const staffRoom = (eventId: string) => `event:${eventId}:staff`;
export const userRoom = (userId: string) => `user:${userId}`;
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;
/** Every signed-in connection: told when an event anyone may see changes (event:visible). */
export const SIGNED_IN_ROOM = 'signed-in';

const joinSchema = z.object({ eventId: idSchema });

function failure(error: unknown): Ack<never> {
  if (error instanceof DomainError) return { ok: false, error: errorBody(error).error };
  return { ok: false, error: { code: 'INTERNAL', message: 'Internal error' } };
}

export function attachRealtime(
  httpServer: HttpServer,
  deps: { services: Services; logger: Logger; allowedOrigins: string[] },
): RealtimeServer {
  const { services, logger } = deps;
  const io: RealtimeServer = new Server(httpServer, {
    serveClient: false,
    ...(deps.allowedOrigins.length ? { cors: { origin: deps.allowedOrigins, credentials: true } } : {}),
    // not a browser without an Origin: cookies still decide who it is
    allowRequest: (req, callback) =>
      callback(
        null,
        req.headers.origin === undefined || originAllowed(req.headers.origin, req.headers.host, deps.allowedOrigins),
      ),
  });

  io.use(async (socket, next) => {
    const token = readCookies(socket.request.headers.cookie)[SESSION_COOKIE];
    const user = await services.auth.userForToken(token).catch(() => null);
    if (!user || !token) return next(new Error('UNAUTHENTICATED'));
    socket.data.user = user;
    socket.data.sessionId = hashToken(token);
    next();
  });

  io.on('connection', (socket) => {
    const user = socket.data.user;
    void socket.join([userRoom(user.id), sessionRoom(socket.data.sessionId), SIGNED_IN_ROOM]);
    // A session has an end: the socket closes with it, even if nobody signs out.
    void services.auth.sessionExpiry(socket.data.sessionId).then((expiresAt) => {
      if (!expiresAt) return void socket.disconnect(true);
      const timer = setTimeout(() => socket.disconnect(true), Math.min(expiresAt.getTime() - Date.now(), 2 ** 31 - 1));
      socket.once('disconnect', () => clearTimeout(timer));
    });

    socket.on('event:join', async (payload, ack) => {
      if (typeof ack !== 'function') return;
      let room: string | undefined;
      try {
        const { eventId } = parseOrThrow(joinSchema, payload, 'payload');
        room = user.role === 'organiser' ? staffRoom(eventId) : eventRoom(eventId);
        // Visible? Then join before reading seq: a change committed in between reaches the
        // socket as a fact, and the acknowledged seq is never older than what it will get.
        await services.events.findVisible(user, eventId);
        await socket.join(room);
        const event = await services.events.get(user, eventId);
        // Set back to draft while we read: the broadcaster has taken the socket out again
        // (and said so with event:left), so the seq just read is not one it will follow.
        if (!socket.rooms.has(room)) throw notFound('Event');
        ack({ ok: true, data: { eventId: event.id, seq: event.seq } });
      } catch (error) {
        // A refused join leaves the socket outside the room. One that got in just after the
        // event went back to draft would otherwise stay there, unannounced, and get the facts
        // of a re-publishing it was never given a seq for.
        if (room) await socket.leave(room);
        if (!(error instanceof DomainError)) logger.error({ err: error }, 'event:join failed');
        ack(failure(error));
      }
    });

    socket.on('event:leave', async (payload, ack) => {
      if (typeof ack !== 'function') return;
      let eventId: string;
      try {
        eventId = parseOrThrow(joinSchema, payload, 'payload').eventId;
      } catch (error) {
        return ack(failure(error));
      }
      await socket.leave(eventRoom(eventId));
      await socket.leave(staffRoom(eventId));
      ack({ ok: true, data: { eventId } });
    });
  });

  // The one broadcaster: facts published by services after their commit go to the event's room.
  services.bus.subscribe(({ name, fact }) => {
    if (name === 'event:updated' && fact.data.status === 'draft') {
      // Back to draft: only organisers may see it now, so the others stop watching it, and
      // are told so. Silently dropped, they would take the quiet for "nothing changed" and
      // miss every seq until they joined again. The notice goes out before the room is left,
      // in the same tick, so no socket is taken out without it.
      const room = eventRoom(fact.eventId);
      io.to(staffRoom(fact.eventId)).emit(name, fact as never);
      io.to(room).emit('event:left', { eventId: fact.eventId, reason: 'unpublished' });
      io.in(room).socketsLeave(room);
      return;
    }
    io.to([staffRoom(fact.eventId), eventRoom(fact.eventId)]).emit(name, fact as never);
    // Those not watching it (an event list, a page of an event that was withdrawn and is now
    // published again) learn that it changed; its room members already have the fact.
    if (name === 'event:updated') {
      io.to(SIGNED_IN_ROOM)
        .except([staffRoom(fact.eventId), eventRoom(fact.eventId)])
        .emit('event:visible', { eventId: fact.eventId });
    }
  });

  services.bus.onSessionsEnded((target) => {
    const room = 'sessionId' in target ? sessionRoom(target.sessionId) : userRoom(target.userId);
    io.in(room).disconnectSockets(true);
  });

  return io;
}
