// The floor plan as organisers lay it out (grids of booths, one booth's edit, deletion), the
// fair's booth policy, and the export of its assignments. The rules that need the database's
// locks live in floorplan.repository.ts; this service publishes the facts its transactions
// logged once they have committed.
import type { BoothDto, BoothPolicy } from '../../contracts/booths.ts';
import type { BoothGrid, BoothPatch } from '../../contracts/floorplan.ts';
import { toIsoInZone } from '../../contracts/time.ts';
import { notFound } from '../../errors.ts';
import type { FactPublisher, OutgoingFact } from '../../realtime/publisher.ts';
import type { AuthUser } from '../auth/auth.service.ts';
import { boothStatus, toBoothView } from './booth-view.ts';
import { viewerOf } from './booths.service.ts';
import type { OccupancyRepository } from './occupancy.repository.ts';
import type { FloorplanRepository } from './floorplan.repository.ts';

type Cell = string | number | null;

/** The export's columns: Vietnamese headers, as the directory's exports have. */
const EXPORT_HEADERS = [
  'Mã gian hàng',
  'Khu',
  'Loại',
  'Rộng (m)',
  'Sâu (m)',
  'Giá (VND)',
  'Trạng thái',
  'Chủ thể',
  'Tỉnh/Thành phố',
  'Địa chỉ',
  'Check-in',
];

export function createFloorplanService(deps: {
  repo: FloorplanRepository;
  occupancy: OccupancyRepository;
  publisher: FactPublisher;
  now: () => Date;
}) {
  const { repo, occupancy, publisher, now } = deps;
  const publishAll = (facts: OutgoingFact[]) => {
    for (const fact of facts) publisher.publish(fact);
  };

  return {
    async createGrid(user: AuthUser, eventId: string, grid: BoothGrid): Promise<BoothDto[]> {
      const { booths, facts } = await repo.createGrid({ eventId, grid, actorId: user.id, now: now() });
      publishAll(facts);
      return booths;
    },

    async update(user: AuthUser, eventId: string, boothId: string, patch: BoothPatch): Promise<BoothDto> {
      const { facts } = await repo.update({ eventId, boothId, patch, actorId: user.id, now: now() });
      publishAll(facts);
      const row = await occupancy.findOne(eventId, boothId);
      if (!row) throw notFound('Booth');
      return toBoothView(row, now(), viewerOf(user));
    },

    async remove(user: AuthUser, eventId: string, boothId: string): Promise<void> {
      const { facts } = await repo.remove({ eventId, boothId, actorId: user.id, now: now() });
      publishAll(facts);
    },

    policy: (eventId: string): Promise<BoothPolicy> => repo.policyOf(eventId),

    /** Only the fields sent change: the others keep their stored value, not the defaults. */
    async updatePolicy(user: AuthUser, eventId: string, patch: Partial<BoothPolicy>): Promise<BoothPolicy> {
      const { policy, facts } = await repo.updatePolicy({ eventId, patch, actorId: user.id });
      publishAll(facts);
      return policy;
    },

    /**
     * Every booth of the fair, one row each: code, zone, type, size, price, status and, for an
     * assigned booth, its exhibitor (name, province, locality) and when it checked in. Holds
     * name nobody here (the file goes to officials too).
     */
    async exportTable(eventId: string): Promise<{ table: Cell[][]; day: string }> {
      const event = await repo.eventOf(eventId);
      const at = now();
      const rows = await repo.exportRows(eventId);
      const table: Cell[][] = [
        EXPORT_HEADERS,
        ...rows.map((row) => {
          const status = boothStatus(row, at);
          const exhibitor = status === 'assigned' ? row.occupancy : null;
          return [
            row.code,
            row.zone,
            row.type,
            row.widthM,
            row.depthM,
            row.priceVnd,
            status,
            exhibitor?.producer.name ?? '',
            exhibitor?.producer.province.name ?? '',
            exhibitor?.producer.locality ?? '',
            exhibitor?.checkedInAt ? toIsoInZone(exhibitor.checkedInAt, event.timeZone) : '',
          ];
        }),
      ];
      return { table, day: toIsoInZone(at, event.timeZone).slice(0, 10) };
    },
  };
}
export type FloorplanService = ReturnType<typeof createFloorplanService>;
