import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { UserInput, UserUpdate } from '../../../core/api/auth.ts';
import { HttpError, notFound, parseInput } from '../../http/errors.ts';
import type { AuthContext } from '../../types.ts';
import { requireAuth, requireRole } from '../auth/auth.guard.ts';
import { canSeeUnit, loadUserView } from '../auth/auth.service.ts';
import { createUser, isUserError, type UserError, updateUser } from './users.service.ts';

const IdParams = z.object({ id: z.coerce.number().int().positive('Mã không hợp lệ') });
const USER_NOT_FOUND = 'Không tìm thấy người dùng';

function userErrorToHttp(e: UserError): HttpError {
  switch (e.error) {
    case 'duplicate_username':
      return new HttpError(409, 'Tên đăng nhập đã tồn tại', 'username');
    case 'unit_not_found':
      return new HttpError(422, 'Đơn vị không tồn tại', 'unitIds');
    case 'not_found':
      return new HttpError(404, USER_NOT_FOUND);
  }
}

/** A user is visible when one of his units is in the caller's scope. */
function canSeeUser(auth: AuthContext, unitIds: number[]): boolean {
  return auth.scope.all || unitIds.some((u) => canSeeUnit(auth.scope, u));
}

export async function userRoutes(app: FastifyInstance): Promise<void> {
  const db = app.deps.db.kysely;
  const tags = ['users'];

  app.get(
    '/api/users',
    { schema: { tags, summary: 'Người dùng trong các đơn vị được xem' } },
    async (request) => {
      const auth = requireAuth(request);
      const rows = await db.selectFrom('users').selectAll().orderBy('username').execute();
      const views = await Promise.all(rows.map((r) => loadUserView(db, r)));
      return views.filter((v) => canSeeUser(auth, v.unitIds));
    },
  );

  app.get('/api/users/:id', { schema: { tags, summary: 'Một người dùng' } }, async (request) => {
    const auth = requireAuth(request);
    const { id } = parseInput(IdParams, request.params);
    const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    const view = row && (await loadUserView(db, row));
    if (!view || !canSeeUser(auth, view.unitIds)) throw notFound(USER_NOT_FOUND);
    return view;
  });

  app.post(
    '/api/users',
    { schema: { tags, summary: 'Tạo tài khoản (quản trị)' } },
    async (request, reply) => {
      const auth = requireRole(request, 'admin');
      const input = parseInput(UserInput, request.body);
      const result = await createUser(db, input, { userId: auth.user.id, ip: request.ip });
      if (isUserError(result)) throw userErrorToHttp(result);
      return reply.status(201).send(await loadUserView(db, result));
    },
  );

  app.patch(
    '/api/users/:id',
    { schema: { tags, summary: 'Sửa tài khoản, đặt lại mật khẩu (quản trị)' } },
    async (request) => {
      const auth = requireRole(request, 'admin');
      const { id } = parseInput(IdParams, request.params);
      const input = parseInput(UserUpdate, request.body);
      if (id === auth.user.id && (input.active === false || (input.role && input.role !== 'admin'))) {
        throw new HttpError(409, 'Không thể tự khóa hoặc tự bỏ quyền quản trị của chính mình', 'active');
      }
      const result = await updateUser(db, id, input, { userId: auth.user.id, ip: request.ip });
      if (isUserError(result)) throw userErrorToHttp(result);
      return loadUserView(db, result);
    },
  );

  // Accounts are never erased, because the event log must keep saying who did what; "delete" locks
  // the account and ends its sessions.
  app.delete(
    '/api/users/:id',
    { schema: { tags, summary: 'Khóa tài khoản (quản trị)' } },
    async (request) => {
      const auth = requireRole(request, 'admin');
      const { id } = parseInput(IdParams, request.params);
      if (id === auth.user.id) throw new HttpError(409, 'Không thể tự khóa tài khoản của chính mình');
      const result = await updateUser(db, id, { active: false }, { userId: auth.user.id, ip: request.ip });
      if (isUserError(result)) throw userErrorToHttp(result);
      return loadUserView(db, result);
    },
  );
}
