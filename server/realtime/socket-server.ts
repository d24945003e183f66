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
import type { EventDto } from '../contracts/events.ts';
import { buyerAudience, producerAudience, type Audience, type OutgoingFact } from './publisher.ts';
import type { ScreenAccess } from '../modules/dashboard/dashboard.service.ts';

interface SocketData {
  /** A signed-in connection's user and session. */
  user?: AuthUser;
  sessionId?: string;
  /** A big screen's connection (no user): the link it was opened with, and its one event. */
  screen?: ScreenAccess;
}

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** Everyone watching an event; organisers watch from the staff room, which also sees drafts. */
export const eventRoom = (eventId: string) => `event:${eventId}`;
export const staffRoom = (eventId: string) => `event:${eventId}:staff`;
export const userRoom = (userId: string) => `user:${userId}`;
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;
/** The open screens of one big-screen link: closed together when it is revoked. */
export const screenRoom = (linkId: string) => `screen:${linkId}`;
/**
 * One organisation's sockets watching an event (a producer's own users): where the private
 * projection of a fact about that organisation goes instead of the public one.
 */
export const audienceRoom = (eventId: string, audience: Audience) => `event:${eventId}:${audience}`;

/** The audience a user's own private facts are addressed to, if any. */
function audienceOf(user: AuthUser): Audience | null {
  if (user.role === 'producer' && user.producerId) return producerAudience(user.producerId);
  if (user.role === 'buyer' && user.buyerId) return buyerAudience(user.buyerId);
  return null;
}
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
    // A big screen connects with its link's token instead of a session.
    const screenToken = (socket.handshake.auth as { screenToken?: unknown } | undefined)?.screenToken;
    if (typeof screenToken === 'string') {
      const screen = await services.dashboard.screenFor(screenToken).catch(() => null);
      if (!screen) return next(new Error('UNAUTHENTICATED'));
      socket.data.screen = screen;
      return next();
    }
    const token = readCookies(socket.request.headers.cookie)[SESSION_COOKIE];
    const user = await services.auth.userForToken(token).catch(() => null);
    if (!user || !token) return next(new Error('UNAUTHENTICATED'));
    socket.data.user = user;
    socket.data.sessionId = hashToken(token);
    next();
  });

  io.on('connection', (socket) => {
    const screen = socket.data.screen;
    if (screen) {
      // A big screen watches its one event, with what everyone watching it gets (the public
      // projection of each fact), and nothing else.
      void socket.join(screenRoom(screen.linkId));
      socket.on('event:join', async (payload, ack) => {
        if (typeof ack !== 'function') return;
        const room = eventRoom(screen.eventId);
        let joining = false;
        try {
          const { eventId } = parseOrThrow(joinSchema, payload, 'payload');
          // Another event is as if unknown; asking for it leaves its own room as it was.
          if (eventId !== screen.eventId) throw notFound('Event');
          joining = true;
          await socket.join(room);
          const event = await services.events.get({ role: 'buyer' }, eventId);
          if (!socket.rooms.has(room)) throw notFound('Event');
          ack({ ok: true, data: { eventId: event.id, seq: event.seq } });
        } catch (error) {
          if (joining) await socket.leave(room);
          if (!(error instanceof DomainError)) logger.error({ err: error }, 'event:join failed');
          ack(failure(error));
        }
      });
      socket.on('event:leave', async (_payload, ack) => {
        await socket.leave(eventRoom(screen.eventId));
        if (typeof ack === 'function') ack({ ok: true, data: { eventId: screen.eventId } });
      });
      return;
    }
    const user = socket.data.user!;
    const sessionId = socket.data.sessionId!;
    void socket.join([userRoom(user.id), sessionRoom(sessionId), SIGNED_IN_ROOM]);
    // A session has an end: the socket closes with it, even if nobody signs out.
    void services.auth.sessionExpiry(sessionId).then((expiresAt) => {
      if (!expiresAt) return void socket.disconnect(true);
      // By the app's clock, which the session's end was set by (and HTTP checks it by).
      const timer = setTimeout(
        () => socket.disconnect(true),
        Math.min(expiresAt.getTime() - services.now().getTime(), 2 ** 31 - 1),
      );
      socket.once('disconnect', () => clearTimeout(timer));
    });

    socket.on('event:join', async (payload, ack) => {
      if (typeof ack !== 'function') return;
      let room: string | undefined;
      let ownRoom: string | undefined;
      try {
        const { eventId } = parseOrThrow(joinSchema, payload, 'payload');
        room = user.role === 'organiser' ? staffRoom(eventId) : eventRoom(eventId);
        const audience = user.role === 'organiser' ? null : audienceOf(user);
        ownRoom = audience ? audienceRoom(eventId, audience) : undefined;
        // Visible? Then join before reading seq: a change committed in between reaches the
        // socket as a fact, and the acknowledged seq is never older than what it will get.
        await services.events.findVisible(user, eventId);
        // Its own room first: a private fact is never sent to a socket that would also get the
        // public one, nor missed by one already counted in the event's room.
        if (ownRoom) await socket.join(ownRoom);
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
        if (ownRoom) await socket.leave(ownRoom);
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
      const audience = audienceOf(user);
      if (audience) await socket.leave(audienceRoom(eventId, audience));
      ack({ ok: true, data: { eventId } });
    });
  });

  // The one broadcaster: facts published by services after their commit go to the event's
  // rooms, each room getting its projection: organisers and the organisation a private fact is
  // about get the private one, everyone else watching the event the public one. Every socket in
  // the room gets every seq exactly once, so its feed can tell a gap from a fact it may not see.
  services.bus.subscribe((outgoing: OutgoingFact) => {
    const fact = outgoing.public;
    const { eventId } = fact;
    const staff = staffRoom(eventId);
    const everyone = eventRoom(eventId);
    if (fact.type === 'event:updated' && (fact.data as EventDto).status === 'draft') {
      // Back to draft: only organisers may see it now, so the others stop watching it, and
      // are told so. Silently dropped, they would take the quiet for "nothing changed" and
      // miss every seq until they joined again. The notice goes out before the room is left,
      // in the same tick, so no socket is taken out without it.
      io.to(staff).emit(fact.type, fact as never);
      io.to(everyone).emit('event:left', { eventId, reason: 'unpublished' });
      // Their own rooms of this event too (fetched before they leave the event's room).
      void io
        .in(everyone)
        .fetchSockets()
        .then((sockets) => {
          for (const s of sockets) {
            const audience = s.data.user ? audienceOf(s.data.user) : null;
            if (audience) s.leave(audienceRoom(eventId, audience));
          }
        })
        .catch((err: unknown) => logger.warn({ err }, 'could not take sockets out of their own rooms'));
      io.in(everyone).socketsLeave(everyone);
      return;
    }
    if (outgoing.private) {
      const own = outgoing.private.audiences.map((audience) => audienceRoom(eventId, audience));
      io.to([staff, ...own]).emit(fact.type, outgoing.private.fact as never);
      io.to(everyone)
        .except(own)
        .emit(fact.type, fact as never);
    } else {
      io.to([staff, everyone]).emit(fact.type, fact as never);
    }
    // Those not watching it (an event list, a page of an event that was withdrawn and is now
    // published again) learn that it changed; its room members already have the fact.
    if (fact.type === 'event:updated') {
      io.to(SIGNED_IN_ROOM).except([staff, everyone]).emit('event:visible', { eventId });
    }
  });

  services.bus.onScreensRevoked((linkId) => {
    io.in(screenRoom(linkId)).disconnectSockets(true);
  });

  services.bus.onSessionsEnded((target) => {
    const room = 'sessionId' in target ? sessionRoom(target.sessionId) : userRoom(target.userId);
    io.in(room).disconnectSockets(true);
  });

  return io;
}
