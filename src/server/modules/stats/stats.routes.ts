import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { notFound, parseInput } from '../../http/errors.ts';
import { requireRole } from '../auth/auth.guard.ts';
import { canSeeUnit } from '../auth/auth.service.ts';
import '../dossiers/dossiers.tables.ts';
import '../procedures/procedures.tables.ts';

const StatsQuery = z.object({
  unitId: z.coerce.number().int().positive('Mã đơn vị không hợp lệ').optional(),
  from: z.string().optional(),
  to: z.string().optional(),
});

interface FieldTally {
  total: number;
  onTime: number;
  late: number;
}

export async function statsRoutes(app: FastifyInstance): Promise<void> {
  const db = app.deps.db.kysely;

  app.get(
    '/api/stats/overview',
    { schema: { tags: ['stats'], summary: 'Tình hình giải quyết hồ sơ (đúng hạn, quá hạn, theo lĩnh vực)' } },
    async (request) => {
      const auth = requireRole(request, 'leader', 'admin');
      const q = parseInput(StatsQuery, request.query);
      if (q.unitId && !canSeeUnit(auth.scope, q.unitId)) throw notFound('Không tìm thấy đơn vị');
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
      if (q.unitId) query = query.where('dossiers.unit_id', '=', q.unitId);
      else if (!auth.scope.all) query = query.where('dossiers.unit_id', 'in', [...auth.scope.unitIds, -1]);
      if (q.from) query = query.where('dossiers.created_at', '>=', q.from);
      if (q.to) query = query.where('dossiers.created_at', '<=', q.to);
      const rows = await query.execute();
      const now = new Date().toISOString();
      const byStatus: Record<string, number> = {};
      const byField: Record<string, FieldTally> = {};
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
}
