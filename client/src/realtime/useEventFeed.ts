// The app's one event feed, on the app's socket and the activity call. Stores take it from
// here; tests put a feed on a fake socket in its place (setEventFeed) before making the stores.
import { eventsApi } from '../api/events.ts';
import { createEventFeed, type EventFeed } from './feed.ts';
import { feedSocket } from './socket.ts';

let current: EventFeed | undefined;

export function useEventFeed(): EventFeed {
  current ??= createEventFeed({
    socket: feedSocket,
    api: { activity: (eventId, after, limit) => eventsApi.activity(eventId, after, limit) },
  });
  return current;
}

/** Replaces the feed the stores get (tests); undefined goes back to the app's own. */
export function setEventFeed(feed: EventFeed | undefined): void {
  current = feed;
}
