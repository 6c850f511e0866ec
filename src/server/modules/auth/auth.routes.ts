import type { FastifyInstance } from 'fastify';
import { LoginRequest } from '../../../core/api/auth.ts';
import { HttpError, parseInput } from '../../http/errors.ts';
import { recordEvent } from '../events/events.repo.ts';
import { sessionEnded } from './auth.events.ts';
import { requireAuth, SESSION_COOKIE } from './auth.guard.ts';
import { login, logout } from './auth.service.ts';

export async function authRoutes(app: FastifyInstance): Promise<void> {
  const { db, config } = app.deps;

  app.post(
    '/api/auth/login',
    { schema: { tags: ['auth'], summary: 'Đăng nhập' } },
    async (request, reply) => {
      const input = parseInput(LoginRequest, request.body);
      const result = await login(db.kysely, { ...input, ip: request.ip, sessionDays: config.sessionDays });
      if (!result.ok) {
        if (result.error === 'rate_limited') {
          throw new HttpError(429, 'Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút');
        }
        throw new HttpError(401, 'Tên đăng nhập hoặc mật khẩu không đúng', 'password');
      }
      reply.setCookie(SESSION_COOKIE, result.token, {
        httpOnly: true,
        sameSite: 'strict',
        path: '/',
        secure: config.secureCookies,
        expires: new Date(result.expiresAt),
      });
      return {
        token: result.token,
        csrfToken: result.csrfToken,
        user: result.user,
        expiresAt: result.expiresAt,
      };
    },
  );

  app.post(
    '/api/auth/logout',
    { schema: { tags: ['auth'], summary: 'Đăng xuất' } },
    async (request, reply) => {
      const auth = requireAuth(request);
      await db.kysely.transaction().execute(async (trx) => {
        await logout(trx, auth.tokenHash);
        await recordEvent(trx, {
          actorUserId: auth.user.id,
          entityType: 'user',
          entityId: auth.user.id,
          action: 'logout',
          ip: request.ip,
        });
      });
      sessionEnded({ tokenHash: auth.tokenHash });
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true };
    },
  );

  app.get('/api/auth/me', { schema: { tags: ['auth'], summary: 'Người dùng hiện tại' } }, async (request) => {
    const auth = requireAuth(request);
    return { user: auth.user, csrfToken: auth.csrfToken };
  });
}
