import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { CounterInput, CounterUpdate, UnitInput, UnitUpdate } from '../../../core/api/units.ts';
import { notFound, parseInput } from '../../http/errors.ts';
import { requireAuth, requireRole } from '../auth/auth.guard.ts';
import { canSeeUnit } from '../auth/auth.service.ts';
import { unitErrorToHttp } from './units.errors.ts';
import { findCounter, findUnit, listCounters, listUnits, toCounterView, toUnitView } from './units.repo.ts';
import { createCounter, createUnit, isUnitError, updateCounter, updateUnit } from './units.service.ts';

const IdParams = z.object({ id: z.coerce.number().int().positive('Mã không hợp lệ') });
const UNIT_NOT_FOUND = 'Không tìm thấy đơn vị';
const COUNTER_NOT_FOUND = 'Không tìm thấy quầy';

export async function unitRoutes(app: FastifyInstance): Promise<void> {
  const db = app.deps.db.kysely;
  const tags = ['units'];

  app.get('/api/units', { schema: { tags, summary: 'Danh sách đơn vị được xem' } }, async (request) => {
    const auth = requireAuth(request);
    const rows = await listUnits(db);
    return rows.filter((r) => canSeeUnit(auth.scope, r.id)).map(toUnitView);
  });

  app.get('/api/units/:id', { schema: { tags, summary: 'Một đơn vị' } }, async (request) => {
    const auth = requireAuth(request);
    const { id } = parseInput(IdParams, request.params);
    const row = await findUnit(db, id);
    if (!row || !canSeeUnit(auth.scope, id)) throw notFound(UNIT_NOT_FOUND);
    return toUnitView(row);
  });

  app.post('/api/units', { schema: { tags, summary: 'Tạo đơn vị (quản trị)' } }, async (request, reply) => {
    const auth = requireRole(request, 'admin');
    const input = parseInput(UnitInput, request.body);
    const result = await createUnit(db, input, { userId: auth.user.id, ip: request.ip });
    if (isUnitError(result)) throw unitErrorToHttp(result);
    return reply.status(201).send(toUnitView(result));
  });

  app.patch(
    '/api/units/:id',
    { schema: { tags, summary: 'Sửa / ngừng hoạt động đơn vị (quản trị)' } },
    async (request) => {
      const auth = requireRole(request, 'admin');
      const { id } = parseInput(IdParams, request.params);
      const input = parseInput(UnitUpdate, request.body);
      const result = await updateUnit(db, id, input, { userId: auth.user.id, ip: request.ip });
      if (isUnitError(result)) throw unitErrorToHttp(result);
      return toUnitView(result);
    },
  );

  app.get(
    '/api/units/:id/counters',
    { schema: { tags, summary: 'Các quầy của đơn vị' } },
    async (request) => {
      const auth = requireAuth(request);
      const { id } = parseInput(IdParams, request.params);
      if (!canSeeUnit(auth.scope, id) || !(await findUnit(db, id))) throw notFound(UNIT_NOT_FOUND);
      return (await listCounters(db, id)).map(toCounterView);
    },
  );

  app.post(
    '/api/units/:id/counters',
    { schema: { tags, summary: 'Thêm quầy (quản trị)' } },
    async (request, reply) => {
      const auth = requireRole(request, 'admin');
      const { id } = parseInput(IdParams, request.params);
      if (!(await findUnit(db, id))) throw notFound(UNIT_NOT_FOUND);
      const input = parseInput(CounterInput, request.body);
      const result = await createCounter(db, id, input, { userId: auth.user.id, ip: request.ip });
      if (isUnitError(result)) throw unitErrorToHttp(result);
      return reply.status(201).send(toCounterView(result));
    },
  );

  app.get('/api/counters/:id', { schema: { tags, summary: 'Một quầy' } }, async (request) => {
    const auth = requireAuth(request);
    const { id } = parseInput(IdParams, request.params);
    const row = await findCounter(db, id);
    if (!row || !canSeeUnit(auth.scope, row.unit_id)) throw notFound(COUNTER_NOT_FOUND);
    return toCounterView(row);
  });

  app.patch(
    '/api/counters/:id',
    { schema: { tags, summary: 'Sửa / ngừng quầy (quản trị)' } },
    async (request) => {
      const auth = requireRole(request, 'admin');
      const { id } = parseInput(IdParams, request.params);
      const input = parseInput(CounterUpdate, request.body);
      const result = await updateCounter(db, id, input, { userId: auth.user.id, ip: request.ip });
      if (isUnitError(result)) throw unitErrorToHttp(result);
      return toCounterView(result);
    },
  );
}
