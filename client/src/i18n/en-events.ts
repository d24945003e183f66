// English: creating and editing an event (merged into en.ts).
import type eventsVi from './vi-events.ts';

const eventsEn: typeof eventsVi = {
  eventForm: {
    newEvent: 'New event',
    newTitle: 'New event',
    editTitle: 'Edit event',
    edit: 'Edit details',
    intro: 'A new event is a draft: only the organisers see it until it is published.',
    kind: 'Kind of event',
    name: 'Name',
    venue: 'Venue',
    startsAt: 'Starts',
    endsAt: 'Ends',
    timeZone: 'Time zone',
    timeZoneHint: 'The start and end are local times in this time zone.',
    hostProvince: 'Host province',
    partnerProvinces: 'Partner provinces',
    partnerProvincesHint: 'Provinces taking part besides the host.',
    partnersChosen: '{count} chosen',
    create: 'Create event',
    saved: 'Event saved.',
    nameTooShort: 'At least 3 characters.',
    zoneNote: '{zone} time ({offset})',
    zones: {
      hoChiMinh: 'Vietnam (GMT+7)',
      bangkok: 'Bangkok (GMT+7)',
      vientiane: 'Vientiane (GMT+7)',
      phnomPenh: 'Phnom Penh (GMT+7)',
      singapore: 'Singapore (GMT+8)',
      shanghai: 'Beijing, Shanghai (GMT+8)',
      seoul: 'Seoul (GMT+9)',
      tokyo: 'Tokyo (GMT+9)',
      paris: 'Paris (Central Europe)',
      utc: 'UTC',
    },
  },
};
export default eventsEn;
