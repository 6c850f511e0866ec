import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Role } from '../../../core/api/auth.ts';
import { forbidden, HttpError, unauthorized } from '../../http/errors.ts';
import type { AuthContext } from '../../types.ts';
import { computeScope, resolveSession } from './auth.service.ts';
import { safeEqual } from './tokens.ts';

export const SESSION_COOKIE = 'kv_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1];
}

/** Resolves the caller's session (bearer token or cookie) for every request, and guards cookie sessions against CSRF. */
export function installAuth(app: FastifyInstance): void {
  app.decorateRequest('auth', null);
  app.addHook('onRequest', async (request) => {
    // Public endpoints never act on a session, so a browser's cookie is neither read nor CSRF-checked there.
    if (!request.url.startsWith('/api/') || request.url.startsWith('/api/public/')) return;
    const bearer = bearerToken(request);
    const cookie = request.cookies[SESSION_COOKIE];
    const token = bearer ?? cookie;
    if (!token) return;
    const { kysely } = app.deps.db;
    const session = await resolveSession(kysely, token);
    if (!session) {
      // A bearer token that no longer resolves (logged out, user deleted or disabled) is an error, not an anonymous call.
      // A WebSocket handshake goes on anonymous instead: the socket route closes it with its own code (4401),
      // which tells the counter to stop retrying, and an error here would leave the connection hanging.
      if (bearer && request.headers.upgrade?.toLowerCase() !== 'websocket')
        throw unauthorized('Phiên đăng nhập đã hết hạn hoặc không còn hiệu lực, vui lòng đăng nhập lại');
      return;
    }
    const via = bearer ? 'bearer' : 'cookie';
    if (via === 'cookie' && !SAFE_METHODS.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !safeEqual(sent, session.csrfToken)) {
        throw new HttpError(
          403,
          'Yêu cầu không hợp lệ (thiếu mã chống giả mạo CSRF), vui lòng tải lại trang',
        );
      }
    }
    request.auth = {
      user: session.user,
      role: session.user.role,
      via,
      tokenHash: session.tokenHash,
      csrfToken: session.csrfToken,
      scope: await computeScope(kysely, session.user),
    };
  });
}

export function requireAuth(request: FastifyRequest): AuthContext {
  if (!request.auth) throw unauthorized();
  return request.auth;
}

export function requireRole(request: FastifyRequest, ...roles: Role[]): AuthContext {
  const auth = requireAuth(request);
  if (!roles.includes(auth.role)) throw forbidden();
  return auth;
}
