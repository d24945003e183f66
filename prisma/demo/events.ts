// The demo's events: the Tây Nguyên fair and the Đắk Lắk – Sóc Trăng conference (published,
// hosted by Đắk Lắk, the conference with Cần Thơ as partner), and the 2027 fair in draft.
import type { Prisma } from '../../server/db/database.ts';
import { DEMO } from './story.ts';

type Tx = Prisma.TransactionClient;

export interface DemoEvents {
  fairId: string;
  conferenceId: string;
  draftId: string;
}

export async function seedEvents(tx: Tx): Promise<DemoEvents> {
  const { fair: f, conference: c, draft: d } = DEMO;
  const event = async (kind: 'fair' | 'conference', e: typeof f | typeof c | typeof d, status: 'published' | 'draft') =>
    (
      await tx.event.create({
        data: {
          kind,
          name: e.name,
          venue: e.venue,
          hostProvinceId: 'dak-lak',
          startsAt: e.startsAt,
          endsAt: e.endsAt,
          status,
        },
        select: { id: true },
      })
    ).id;
  const fairId = await event('fair', f, 'published');
  const conferenceId = await event('conference', c, 'published');
  const draftId = await event('fair', d, 'draft');
  await tx.eventPartnerProvince.createMany({ data: [{ eventId: conferenceId, provinceId: c.partnerProvinceId }] });
  return { fairId, conferenceId, draftId };
}
