import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { z } from 'zod';
import { CHANNEL_INFO, type Channel } from '../../../core/dossier/states.ts';
import { notFound, parseInput } from '../../http/errors.ts';
import type { AuthContext } from '../../types.ts';
import { requireRole } from '../auth/auth.guard.ts';
import { canSeeUnit } from '../auth/auth.service.ts';
import '../dossiers/dossiers.tables.ts';
import '../portal/portal.tables.ts';
import '../procedures/procedures.tables.ts';

const StatsQuery = z.object({
  unitId: z.coerce.number().int().positive('Mã đơn vị không hợp lệ').optional(),
  from: z.string().optional(),
  to: z.string().optional(),
});
type StatsQuery = z.infer<typeof StatsQuery>;

interface Tally {
  very_satisfied: number;
  satisfied: number;
  unsatisfied: number;
  total: number;
}

const newTally = (): Tally => ({ very_satisfied: 0, satisfied: 0, unsatisfied: 0, total: 0 });

/**
 * The units a figures request covers: the one asked for (404 when the caller cannot see it) or every unit
 * of the caller's scope; null means no filter (an administrator asking for everything).
 */
function unitsOf(auth: AuthContext, q: StatsQuery): number[] | null {
  if (q.unitId) {
    if (!canSeeUnit(auth.scope, q.unitId)) throw notFound('Không tìm thấy đơn vị');
    return [q.unitId];
  }
  return auth.scope.all ? null : [...auth.scope.unitIds, -1];
}

/** Leaders' figures: on-time rate, satisfaction, channels. Every figure is limited to the caller's units. */
export async function statsRoutes(app: FastifyInstance): Promise<void> {
  const db = app.deps.db.kysely;
  const tags = ['stats'];

  app.get(
    '/api/stats/overview',
    { schema: { tags, summary: 'Tình hình giải quyết hồ sơ (đúng hạn, quá hạn, theo lĩnh vực)' } },
    async (request) => {
      const auth = requireRole(request, 'leader', 'admin');
      const q = parseInput(StatsQuery, request.query);
      const units = unitsOf(auth, q);
      let query = db
        .selectFrom('dossiers')
        .innerJoin('procedures', 'procedures.code', 'dossiers.procedure_code')
        .select([
          'dossiers.status',
          'dossiers.due_at',
          'dossiers.committed_due_at',
          'dossiers.finished_at',
          'procedures.field',
        ]);
      if (units) query = query.where('dossiers.unit_id', 'in', units);
      if (q.from) query = query.where('dossiers.created_at', '>=', q.from);
      if (q.to) query = query.where('dossiers.created_at', '<=', q.to);
      const rows = await query.execute();
      const now = new Date().toISOString();
      const byStatus: Record<string, number> = {};
      const byField: Record<string, { total: number; onTime: number; late: number }> = {};
      let received = 0;
      let onTime = 0;
      let late = 0;
      let overdueOpen = 0;
      for (const r of rows) {
        byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
        byField[r.field] ??= { total: 0, onTime: 0, late: 0 };
        const f = byField[r.field]!;
        f.total++;
        const due = r.committed_due_at ?? r.due_at;
        if (!due) continue;
        received++;
        // QĐ 766/QĐ-TTg: an open dossier is measured with "now" as its end, so an overdue open one is late.
        const end = r.finished_at ?? now;
        if (end <= due) {
          onTime++;
          f.onTime++;
        } else {
          late++;
          f.late++;
          if (!r.finished_at) overdueOpen++;
        }
      }
      return {
        total: rows.length,
        received,
        onTime,
        late,
        overdueOpen,
        onTimePercent: received ? Math.round((onTime / received) * 1000) / 10 : null,
        byStatus,
        byField,
      };
    },
  );

  app.get(
    '/api/stats/satisfaction',
    { schema: { tags, summary: 'Mức độ hài lòng theo đơn vị, quầy, cán bộ' } },
    async (request) => {
      const auth = requireRole(request, 'leader', 'admin');
      const q = parseInput(StatsQuery, request.query);
      const units = unitsOf(auth, q);
      let query = db
        .selectFrom('ratings')
        .leftJoin('users', 'users.id', 'ratings.officer_id')
        .leftJoin('counters', 'counters.id', 'ratings.counter_id')
        .select(['ratings.rating', 'ratings.reasons', 'users.full_name', 'counters.name as counter_name']);
      if (units) query = query.where('ratings.unit_id', 'in', units);
      if (q.from) query = query.where('ratings.created_at', '>=', q.from);
      if (q.to) query = query.where('ratings.created_at', '<=', q.to);
      const rows = await query.execute();
      const all = newTally();
      const byOfficer = new Map<string, Tally>();
      const byCounter = new Map<string, Tally>();
      const reasons: Record<string, number> = {};
      const tallyOf = (map: Map<string, Tally>, key: string) => {
        const t = map.get(key) ?? newTally();
        map.set(key, t);
        return t;
      };
      for (const r of rows) {
        const key = r.rating as keyof Omit<Tally, 'total'>;
        for (const t of [
          all,
          tallyOf(byOfficer, r.full_name ?? '—'),
          tallyOf(byCounter, r.counter_name ?? '—'),
        ]) {
          t[key]++;
          t.total++;
        }
        for (const reason of JSON.parse(r.reasons) as string[]) reasons[reason] = (reasons[reason] ?? 0) + 1;
      }
      return {
        ...all,
        satisfiedPercent: all.total
          ? Math.round(((all.very_satisfied + all.satisfied) / all.total) * 1000) / 10
          : null,
        reasons,
        byOfficer: [...byOfficer].map(([name, t]) => ({ name, ...t })),
        byCounter: [...byCounter].map(([name, t]) => ({ name, ...t })),
      };
    },
  );

  app.get(
    '/api/stats/channels',
    { schema: { tags, summary: 'Hồ sơ theo kênh nộp (tỷ lệ trực tuyến)' } },
    async (request) => {
      const auth = requireRole(request, 'leader', 'admin');
      const q = parseInput(StatsQuery, request.query);
      const units = unitsOf(auth, q);
      let query = db
        .selectFrom('dossiers')
        .select(['channel', sql<number>`count(*)`.as('n')])
        .groupBy('channel');
      if (units) query = query.where('unit_id', 'in', units);
      if (q.from) query = query.where('created_at', '>=', q.from);
      if (q.to) query = query.where('created_at', '<=', q.to);
      const byChannel: Record<Channel, number> = { in_person: 0, online: 0, post: 0 };
      for (const r of await query.execute())
        if (r.channel in byChannel) byChannel[r.channel as Channel] = Number(r.n);
      const total = byChannel.in_person + byChannel.online + byChannel.post;
      return {
        total,
        byChannel,
        labels: Object.fromEntries(Object.entries(CHANNEL_INFO).map(([k, v]) => [k, v.label])),
        onlinePercent: total ? Math.round((byChannel.online / total) * 1000) / 10 : null,
      };
    },
  );
}
