import { z } from 'zod';
import { listOf, noBodySchema } from '../../contracts/common.ts';
import { eventParamsSchema } from '../../contracts/events.ts';
import {
  agendaItemInputSchema,
  agendaItemParamsSchema,
  agendaItemPatchSchema,
  agendaItemSchema,
  agreementConfirmSchema,
  agreementInputSchema,
  agreementListQuerySchema,
  agreementParamsSchema,
  agreementPatchSchema,
  agreementSchema,
  conferenceExportQuerySchema,
  delegationBodySchema,
  delegationParamsSchema,
  delegationSchema,
  type AgreementDto,
  type DelegationDto,
} from '../../contracts/conferences.ts';
import { defineRoute, type RouteContext } from '../../http/route.ts';
import { toCsv, toXlsx } from '../directory/import/export.ts';
import type { AgreementsService } from './agreements.service.ts';
import type { ConferencesService } from './conferences.service.ts';

type Cell = string | number | null;

/** The agreements in the ceremony's order, as signed (withdrawn ones left out). */
export function agreementsTable(items: AgreementDto[]): Cell[][] {
  const party = (a: AgreementDto, i: 0 | 1) => a.parties[i]!;
  return [
    ['Thứ tự', 'Loại', 'Tên văn bản', 'Bên A', 'Tỉnh bên A', 'Bên B', 'Tỉnh bên B', 'Giá trị (VND)', 'Sản phẩm', 'Trạng thái'],
    ...items
      .filter((a) => a.status !== 'withdrawn')
      .map((a) => [
        a.signingOrder,
        a.kind === 'mou' ? 'Biên bản ghi nhớ' : 'Hợp đồng',
        a.title,
        party(a, 0).name,
        party(a, 0).province.name,
        party(a, 1).name,
        party(a, 1).province.name,
        a.valueVnd,
        a.products.map((p) => p.name).join(', '),
        a.status === 'confirmed' ? 'Đã xác nhận' : 'Chờ xác nhận',
      ]),
  ];
}

/** One line per person: the leader, then each member, then the organisations each brings. */
export function delegationsTable(items: DelegationDto[]): Cell[][] {
  const rows: Cell[][] = [['Tỉnh/Thành phố', 'Vai trò', 'Họ tên / Tổ chức', 'Chức vụ / Loại', 'Đơn vị', 'Điện thoại', 'Email']];
  for (const d of items) {
    const province = d.province.name;
    rows.push([province, 'Trưởng đoàn', d.leader.name, d.leader.title, '', '', '']);
    for (const m of d.members) rows.push([province, 'Thành viên', m.name, m.title, m.organisation, m.phone ?? '', m.email ?? '']);
    for (const p of d.producers) rows.push([province, 'Chủ thể OCOP', p.name, 'Nhà sản xuất', '', '', '']);
    for (const b of d.buyers) rows.push([province, 'Doanh nghiệp', b.name, 'Nhà mua', '', '', '']);
  }
  return rows;
}

async function sendTable(
  res: RouteContext<unknown, unknown, unknown>['res'],
  table: Cell[][],
  format: 'xlsx' | 'csv',
  name: string,
  sheet: string,
) {
  const file = format === 'csv' ? toCsv(table) : await toXlsx(table, sheet);
  res.setHeader(
    'Content-Type',
    format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  );
  res.setHeader('Content-Disposition', `attachment; filename="${name}.${format}"`);
  res.end(file);
}

const agreementAnswer = z.union([agreementSchema, agreementSchema.omit({ valueVnd: true, products: true })]);

export function conferencesRoutes(conferences: ConferencesService, agreements: AgreementsService) {
  return [
    defineRoute({
      method: 'get',
      path: '/events/:eventId/agenda',
      tag: 'conferences',
      summary: "A conference's programme, in time order (404 for a fair)",
      access: 'signed-in',
      params: eventParamsSchema,
      response: listOf(agendaItemSchema),
      errors: [404],
      handler: async ({ user, params }) => ({ items: await conferences.agenda(user!, params.eventId) }),
    }),
    defineRoute({
      method: 'post',
      path: '/events/:eventId/agenda',
      tag: 'conferences',
      summary: "Add an item to the programme: the host province's organisers; broadcast as agenda:changed",
      access: ['organiser'],
      params: eventParamsSchema,
      body: agendaItemInputSchema,
      status: 201,
      response: agendaItemSchema,
      errors: [400, 403, 404, 409],
      handler: ({ user, params, body }) => conferences.addAgendaItem(user!, params.eventId, body),
    }),
    defineRoute({
      method: 'patch',
      path: '/agenda-items/:itemId',
      tag: 'conferences',
      summary: "Change a programme item: the host province's organisers; broadcast as agenda:changed",
      access: ['organiser'],
      params: agendaItemParamsSchema,
      body: agendaItemPatchSchema,
      response: agendaItemSchema,
      errors: [400, 403, 404, 409],
      handler: ({ user, params, body }) => conferences.changeAgendaItem(user!, params.itemId, body),
    }),
    defineRoute({
      method: 'delete',
      path: '/agenda-items/:itemId',
      tag: 'conferences',
      summary: "Remove a programme item: the host province's organisers; broadcast as agenda:changed",
      access: ['organiser'],
      params: agendaItemParamsSchema,
      status: 204,
      errors: [403, 404, 409],
      handler: async ({ user, params }) => {
        await conferences.removeAgendaItem(user!, params.itemId);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/events/:eventId/delegations',
      tag: 'conferences',
      summary: "The provinces' delegations (host first); members' phones and e-mails for organisers and officials only",
      access: 'signed-in',
      params: eventParamsSchema,
      response: listOf(delegationSchema),
      errors: [404],
      handler: async ({ user, params }) => ({ items: await conferences.delegations(user!, params.eventId) }),
    }),
    defineRoute({
      method: 'put',
      path: '/events/:eventId/delegations/:provinceId',
      tag: 'conferences',
      summary:
        "Register or rewrite a province's delegation (leader, members, the producers and buyers of that province it brings): " +
        "only that province's organisers (403 for another's); broadcast as delegation:changed",
      access: ['organiser'],
      params: delegationParamsSchema,
      body: delegationBodySchema,
      response: delegationSchema,
      errors: [400, 403, 404, 409],
      handler: ({ user, params, body }) => conferences.putDelegation(user!, params.eventId, params.provinceId, body),
    }),
    defineRoute({
      method: 'get',
      path: '/events/:eventId/agreements',
      tag: 'conferences',
      summary:
        "The conference's agreements in the signing ceremony's order; value and products for organisers, officials and the two parties",
      access: 'signed-in',
      params: eventParamsSchema,
      query: agreementListQuerySchema,
      response: listOf(agreementAnswer),
      errors: [404],
      handler: async ({ user, params, query }) => ({ items: await agreements.list(user!, params.eventId, query.status) }),
    }),
    defineRoute({
      method: 'post',
      path: '/events/:eventId/agreements',
      tag: 'conferences',
      summary:
        'Draw up a memorandum or contract between two organisations of different provinces (400 `same_province` otherwise): ' +
        "organisers of the host or a party's province, or a party; broadcast as agreement:changed",
      access: ['organiser', 'producer', 'buyer'],
      params: eventParamsSchema,
      body: agreementInputSchema,
      status: 201,
      response: agreementSchema,
      errors: [400, 403, 404, 409],
      handler: ({ user, params, body }) => agreements.create(user!, params.eventId, body),
    }),
    defineRoute({
      method: 'get',
      path: '/agreements/:agreementId',
      tag: 'conferences',
      summary: 'One agreement',
      access: 'signed-in',
      params: agreementParamsSchema,
      response: agreementAnswer,
      errors: [404],
      handler: ({ user, params }) => agreements.get(user!, params.agreementId),
    }),
    defineRoute({
      method: 'patch',
      path: '/agreements/:agreementId',
      tag: 'conferences',
      summary: "Change an agreement's terms (a new version, which both sides confirm again) or its turn at the ceremony",
      access: ['organiser', 'producer', 'buyer'],
      params: agreementParamsSchema,
      body: agreementPatchSchema,
      response: agreementSchema,
      errors: [400, 403, 404, 409],
      handler: ({ user, params, body }) => agreements.change(user!, params.agreementId, body),
    }),
    defineRoute({
      method: 'post',
      path: '/agreements/:agreementId/confirm',
      tag: 'conferences',
      summary:
        'Confirm one side of an agreement at the version read (409 `version` when the terms changed): a party for its own side, ' +
        'an organiser naming the side; both sides confirmed, it counts as a deal',
      access: ['organiser', 'producer', 'buyer'],
      params: agreementParamsSchema,
      body: agreementConfirmSchema,
      response: agreementSchema,
      errors: [400, 403, 404, 409],
      handler: ({ user, params, body }) => agreements.confirm(user!, params.agreementId, body),
    }),
    defineRoute({
      method: 'post',
      path: '/agreements/:agreementId/withdraw',
      tag: 'conferences',
      summary: 'Withdraw an agreement: organisers at any time, a party while it awaits confirmation',
      access: ['organiser', 'producer', 'buyer'],
      params: agreementParamsSchema,
      body: noBodySchema,
      response: agreementSchema,
      errors: [403, 404, 409],
      handler: ({ user, params }) => agreements.withdraw(user!, params.agreementId),
    }),
    defineRoute({
      method: 'get',
      path: '/events/:eventId/exports/agreements',
      tag: 'conferences',
      summary: 'The agreements for the signing ceremony, in order, as .xlsx or .csv',
      access: ['organiser', 'official'],
      params: eventParamsSchema,
      query: conferenceExportQuerySchema,
      errors: [404],
      handler: async ({ user, params, query, res }) => {
        const items = (await agreements.list(user!, params.eventId)) as AgreementDto[];
        await sendTable(res, agreementsTable(items), query.format, 'ocop-agreements', 'Thỏa thuận');
        return undefined;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/events/:eventId/exports/delegations',
      tag: 'conferences',
      summary: "The delegations' leaders, members and organisations as .xlsx or .csv",
      access: ['organiser', 'official'],
      params: eventParamsSchema,
      query: conferenceExportQuerySchema,
      errors: [404],
      handler: async ({ user, params, query, res }) => {
        const items = await conferences.delegations(user!, params.eventId);
        await sendTable(res, delegationsTable(items), query.format, 'ocop-delegations', 'Đoàn đại biểu');
        return undefined;
      },
    }),
  ];
}
